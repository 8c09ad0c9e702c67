using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Explanations;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;
using Marten;

namespace Dossiers.Tests.Explanations;

/// <summary>
/// Late-cause explanations through the real host: a procedure with steps of 1.8 s (published for the test as versions
/// 210–212) makes a step overdue for real; the explanation's own durable timer runs on a request answerable in 2.9 s.
/// </summary>
public class when_explaining_late_work_over_http(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    /// <summary>The residence procedure renumbered with tiny budgets; each test its own version (a reset store forgets publications).</summary>
    private async Task PublishTinyProcedure(int version)
    {
        var json = ShippedDefinition("1.004194-tam-tru", version);
        json["customProperties"]!["procedure"]!["legalTime"] = new JsonObject { ["amount"] = 0.0025m, ["unit"] = "WorkingHours" };
        foreach (var activity in json["root"]!["activities"]!.AsArray())
            if (activity!["type"]!.GetValue<string>() is "Dossier.Task" or "Dossier.Intake")
                activity.AsObject()["budget"] = new JsonObject { ["amount"] = 0.0005m, ["unit"] = "WorkingHours" };
        await Publish(json);
    }

    private string Controller => Token(Roles.Controller, user: "kiem.soat");
    private string PoliceOfficer => Token(Roles.Officer, agency: PoliceAgency, user: "officer.binh");

    /// <summary>An accepted dossier whose first step (at the police) the timer has recorded overdue.</summary>
    private async Task<(Guid Id, string TaskId)> OverdueStep(bool dossierToo = false)
    {
        const string procedure = "1.004194";
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest(procedure));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk);
        var overdue = await Eventually.Get(async () =>
        {
            await using var session = Store.QuerySession();
            return (await session.Events.FetchStreamAsync(submitted.Id)).Select(e => e.Data).OfType<TaskOverdue>().FirstOrDefault();
        }, TimeSpan.FromSeconds(30), "the step's TaskOverdue");
        if (dossierToo)
            await Eventually.Get(async () =>
            {
                await using var session = Store.QuerySession();
                return (await session.Events.FetchStreamAsync(submitted.Id)).Select(e => e.Data).OfType<DossierOverdue>().FirstOrDefault();
            }, TimeSpan.FromSeconds(30), "the dossier's DossierOverdue");
        return (submitted.Id, overdue.TaskId);
    }

    private async Task<IScenarioResult> Post(string url, string token, object body, int status, string? key = null) =>
        await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.WithBearerToken(token);
            if (key is not null) s.WithRequestHeader("Idempotency-Key", key);
            s.StatusCodeShouldBe(status);
        });

    private async Task<T> Get<T>(string url, string token)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token); });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    private string Today => global::Dossiers.Engine.Calendars.WorkingCalendar.ToVietnam(Fixture.Clock.GetUtcNow()).ToString("yyyy-MM-dd");

    [Fact]
    public async Task the_control_office_asks_the_step_agency_which_answers_once_with_its_cause_and_remedy()
    {
        await PublishTinyProcedure(210);
        var (id, taskId) = await OverdueStep();

        var created = await Post($"/api/dossiers/{id}/explanations", Controller, new { taskId, note = "Đề nghị giải trình" }, 201, key: "ask-1");
        var request = (await created.ReadAsJsonAsync<ExplanationView>())!;
        created.Context.Response.Headers.Location.ToString().ShouldBe($"/api/explanations/{request.Id}");
        created.Context.Response.Headers.ETag.ToString().ShouldBe("\"1\"");
        request.ShouldSatisfyAllConditions(
            r => r.Agency.ShouldBe(PoliceAgency), r => r.Subject.ShouldBe("step"), r => r.TaskId.ShouldBe(taskId),
            r => r.Status.ShouldBe(ExplanationStatus.Open), r => r.RequestedBy.ShouldBe("kiem.soat"),
            r => r.AnswerDueAt.ShouldBeGreaterThan(r.RequestedAt), r => r.DossierCode.ShouldNotBeNull());
        // The same key again answers the same request; a second request on the step while it is open is refused.
        (await (await Post($"/api/dossiers/{id}/explanations", Controller, new { taskId, note = "Đề nghị giải trình" }, 201, key: "ask-1"))
            .ReadAsJsonAsync<ExplanationView>())!.Id.ShouldBe(request.Id);
        (await (await Post($"/api/dossiers/{id}/explanations", Controller, new { taskId }, 409)).ReadAsTextAsync()).ShouldContain(request.Id.ToString());

        var answer = $"/api/explanations/{request.Id}/answer";
        var before = await EventCount();
        await Post(answer, Token(Roles.Officer, agency: "057.02.91.H48"), new { cause = "missing-staff", remedy = "x" }, 403);
        await Post(answer, Token(Roles.Desk, agency: DeskAgency), new { cause = "missing-staff", remedy = "x" }, 403);
        await Post(answer, Controller, new { cause = "missing-staff", remedy = "x" }, 403);
        var bad = await (await Post(answer, PoliceOfficer, new { cause = "weather", remedy = "x" }, 400)).ReadAsJsonAsync<JsonObject>();
        bad!["errors"]!["cause"]![0]!.GetValue<string>().ShouldContain("missing-staff");
        var noText = await (await Post(answer, PoliceOfficer, new { cause = "other", remedy = "x" }, 400)).ReadAsJsonAsync<JsonObject>();
        noText!["errors"]!["causeText"].ShouldNotBeNull();
        var missing = await (await Post(answer, PoliceOfficer, new { cause = "missing-staff" }, 400)).ReadAsJsonAsync<JsonObject>();
        missing!["errors"]!["remedy"].ShouldNotBeNull();
        (await EventCount()).ShouldBe(before);

        var answered = (await (await Post(answer, PoliceOfficer, new { cause = "missing-staff", remedy = "Điều động thêm cán bộ" }, 200))
            .ReadAsJsonAsync<ExplanationView>())!;
        answered.Status.ShouldBe(ExplanationStatus.Answered);
        answered.Answer!.ShouldSatisfyAllConditions(a => a.Late.ShouldBeFalse(), a => a.CauseLabel.ShouldBe("Thiếu nhân sự"),
            a => a.AnsweredBy.ShouldBe("officer.binh"), a => a.AnsweredByAgency.ShouldBe(PoliceAgency));
        await Post(answer, PoliceOfficer, new { cause = "system-outage", remedy = "y" }, 409);

        (await Get<ExplanationView>($"/api/explanations/{request.Id}", PoliceOfficer)).Answer!.Remedy.ShouldBe("Điều động thêm cán bộ");
        await Host.Scenario(s => { s.Get.Url($"/api/explanations/{request.Id}"); s.WithBearerToken(Token(Roles.Officer, agency: "057.02.91.H48")); s.StatusCodeShouldBe(403); });
        (await Get<List<ExplanationView>>($"/api/dossiers/{id}/explanations", Controller)).ShouldHaveSingleItem().Id.ShouldBe(request.Id);
        // Each request is a stream of its own that names the dossier; the dossier's stream holds none of it.
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(request.Id)).Select(e => e.Data).ShouldAllBe(e => ((IExplanationEvent)e).DossierId == id);
        (await session.Events.FetchStreamAsync(id)).ShouldNotContain(e => e.Data is IExplanationEvent);
    }

    [Fact]
    public async Task a_dossier_or_step_within_its_time_is_refused_and_nothing_is_appended()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var dossier = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004222"));
        var accepted = (await Host.Command($"/api/dossiers/{dossier.Id}/accept", desk))!;
        var before = await EventCount();

        var step = await (await Post($"/api/dossiers/{dossier.Id}/explanations", Controller, new { taskId = accepted.Tasks[0].TaskId }, 409))
            .ReadAsJsonAsync<JsonObject>();
        step!["detail"]!.GetValue<string>().ShouldContain("not overdue");
        step["field"]!.GetValue<string>().ShouldBe("taskId");
        (await (await Post($"/api/dossiers/{dossier.Id}/explanations", Controller, new { }, 409)).ReadAsTextAsync()).ShouldContain("not overdue");
        await Post($"/api/dossiers/{dossier.Id}/explanations", Controller, new { taskId = "nope" }, 404);
        await Post($"/api/dossiers/{Guid.NewGuid()}/explanations", Controller, new { }, 404);
        var shape = await (await Post($"/api/dossiers/{dossier.Id}/explanations", Controller, new { answerWorkingDays = 0 }, 400)).ReadAsJsonAsync<JsonObject>();
        shape!["errors"]!["answerWorkingDays"].ShouldNotBeNull();
        await Post($"/api/dossiers/{dossier.Id}/explanations", PoliceOfficer, new { }, 403);

        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_unanswered_request_is_recorded_overdue_by_its_timer_and_a_later_answer_is_late()
    {
        await PublishTinyProcedure(211);
        var (id, taskId) = await OverdueStep();
        var request = (await (await Post($"/api/dossiers/{id}/explanations", Controller, new { taskId, answerWorkingDays = 0.0001m }, 201))
            .ReadAsJsonAsync<ExplanationView>())!;

        var overdue = await Eventually.Get(async () =>
        {
            await using var session = Store.QuerySession();
            return (await session.Events.FetchStreamAsync(request.Id)).FirstOrDefault(e => e.Data is ExplanationOverdue);
        }, TimeSpan.FromSeconds(30), "ExplanationOverdue");
        ((ExplanationOverdue)overdue.Data).DetectedAt.ShouldBeGreaterThanOrEqualTo(request.AnswerDueAt);
        ((string)overdue.Headers!["user"]).ShouldBe("system");
        (await Get<ExplanationView>($"/api/explanations/{request.Id}", Controller)).Status.ShouldBe(ExplanationStatus.Overdue);

        // A second request on the step is still a duplicate: overdue is not answered.
        await Post($"/api/dossiers/{id}/explanations", Controller, new { taskId }, 409);
        var answered = (await (await Post($"/api/explanations/{request.Id}/answer", PoliceOfficer,
            new { cause = "other", causeText = "Mất kết nối mạng", remedy = "Dự phòng đường truyền" }, 200)).ReadAsJsonAsync<ExplanationView>())!;
        answered.Answer!.Late.ShouldBeTrue();
        answered.Answer.CauseText.ShouldBe("Mất kết nối mạng");
    }

    [Fact]
    public async Task the_register_lists_each_agency_s_requests_with_its_figures_and_prints_the_report()
    {
        await PublishTinyProcedure(212);
        var (first, firstTask) = await OverdueStep();
        var (second, _) = await OverdueStep(dossierToo: true);
        var onTime = (await (await Post($"/api/dossiers/{first}/explanations", Controller, new { taskId = firstTask }, 201)).ReadAsJsonAsync<ExplanationView>())!;
        await Post($"/api/explanations/{onTime.Id}/answer", PoliceOfficer, new { cause = "applicant-fault", remedy = "Hướng dẫn lại" }, 200);
        var open = (await (await Post($"/api/dossiers/{second}/explanations", Controller, new { }, 201)).ReadAsJsonAsync<ExplanationView>())!;
        open.Subject.ShouldBe("dossier");
        open.Agency.ShouldBe(PoliceAgency);   // the one unit holding the dossier now

        var period = $"from={Today}&to={Today}";
        var register = await Get<ExplanationRegister>($"/api/explanations?{period}&agency={open.Agency}&limit=1", Controller);
        register.Items.ShouldHaveSingleItem();
        register.Next.ShouldNotBeNull();
        var rest = await Get<ExplanationRegister>($"/api/explanations?{period}&agency={open.Agency}&limit=1&next={register.Next}", Controller);
        register.Items.Concat(rest.Items).Select(i => i.Id).ShouldBe([onTime.Id, open.Id], ignoreOrder: true);
        rest.Next.ShouldBeNull();

        var all = await Get<ExplanationRegister>($"/api/explanations?{period}", Controller);
        all.Items.Select(i => i.Id).ShouldBe([onTime.Id, open.Id], ignoreOrder: true);
        all.Total.ShouldBe(new global::Dossiers.Projections.Explanations.ExplanationFigures(null, Requested: 2, AnsweredOnTime: 1, AnsweredLate: 0, OverdueUnanswered: 0, Open: 1));
        all.Figures.Sum(f => f.Requested).ShouldBe(2);
        (await Get<ExplanationRegister>($"/api/explanations?{period}&status=answered", Controller)).Items.ShouldHaveSingleItem().Id.ShouldBe(onTime.Id);

        // An officer reads their own unit's register only.
        (await Get<ExplanationRegister>($"/api/explanations?{period}", PoliceOfficer)).Items.ShouldAllBe(i => i.Agency == PoliceAgency);
        await Host.Scenario(s => { s.Get.Url($"/api/explanations?{period}&agency={DeskAgency}"); s.WithBearerToken(PoliceOfficer); s.StatusCodeShouldBe(403); });
        await Host.Scenario(s => { s.Get.Url($"/api/explanations?{period}&status=late"); s.WithBearerToken(Controller); s.StatusCodeShouldBe(400); });
        await Host.Scenario(s => { s.Get.Url($"/api/explanations?from={Today}"); s.WithBearerToken(Controller); s.StatusCodeShouldBe(400); });

        var printed = await Host.Scenario(s => { s.Get.Url($"/api/explanations?{period}&format=html"); s.WithBearerToken(Controller); });
        printed.Context.Response.ContentType!.ShouldStartWith("text/html");
        var html = await printed.ReadAsTextAsync();
        html.ShouldContain("BÁO CÁO TÌNH HÌNH GIẢI TRÌNH HỒ SƠ TRỄ HẠN");
        html.ShouldContain("Hướng dẫn lại");
        html.ShouldContain("Đã giải trình đúng hạn");
    }
}
