using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Feedback;
using Dossiers.Api.Files;
using Dossiers.Api.Privacy;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Projections.Audit;
using Dossiers.Projections.Feedback;
using Dossiers.Tests.Fixtures;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Dossiers.Tests.Control;

/// <summary>Citizen feedback (PAKN) through the real host: the desk, the control office, the agency, the public.</summary>
public class when_handling_citizen_feedback(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48", Police = "057.02.90.H48", OtherUnit = "057.03.90.H48";
    private const string Name = "Trần Thị Bé", Phone = "0987654321", Email = "be@example.vn";

    private static readonly object Contact = new { name = Name, phone = Phone, email = Email, address = "Tổ 3, phường Kon Tum" };

    private string Desk => Token(Roles.Desk, agency: DeskAgency);
    private string Controller => Token(Roles.Controller);

    private async Task<IScenarioResult> Post(string url, object body, string? token, int status, string? from = null) => await Host.Scenario(s =>
    {
        s.Post.Json(body).ToUrl(url);
        if (token is not null) s.WithBearerToken(token);
        if (from is not null) s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(from));
        s.StatusCodeShouldBe(status);
    });

    private async Task<IScenarioResult> Get(string url, string? token, int status = 200, string? from = null) => await Host.Scenario(s =>
    {
        s.Get.Url(url);
        if (token is not null) s.WithBearerToken(token);
        if (from is not null) s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(from));
        s.StatusCodeShouldBe(status);
    });

    private async Task<FeedbackView> Act(Guid id, string action, object body, string token, int status = 200) =>
        (await (await Post($"/api/feedback/{id}/{action}", body, token, status)).ReadAsJsonAsync<FeedbackView>())!;

    private async Task<(Guid Id, string Code)> AcceptedDossier()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194"));
        var accepted = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;
        return (submitted.Id, accepted.Code!);
    }

    private static string Address() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    [Fact]
    public async Task a_feedback_goes_from_the_desk_to_the_agency_and_is_published_without_personal_data()
    {
        var (_, code) = await AcceptedDossier();
        var received = await Post("/api/feedback", new { dossierCode = code, subject = "Hồ sơ tạm trú chậm", content = "Đã quá hẹn mà chưa có kết quả.", contact = Contact },
            Desk, 201);
        var feedback = (await received.ReadAsJsonAsync<FeedbackView>())!;
        received.Context.Response.Headers.Location.ToString().ShouldBe($"/api/feedback/{feedback.Id}");
        (feedback.Status, feedback.ReceivingCentre, feedback.ProcedureCode, feedback.Contact).ShouldBe((FeedbackStatus.Received, DeskAgency, "1.004194", null));
        feedback.ResolveBy.ShouldNotBeNull().ShouldBeGreaterThan(feedback.RefuseBy);

        // The officer cannot assign; the controller can.
        await Post($"/api/feedback/{feedback.Id}/assign", new { agency = Police }, Token(Roles.Officer, agency: Police), 403);
        (await Act(feedback.Id, "assign", new { agency = Police }, Controller)).AssignedAgency.ShouldBe(Police);

        // Another unit's officer neither reads nor answers it; the assigned agency's officer does both.
        await Get($"/api/feedback/{feedback.Id}", Token(Roles.Officer, agency: OtherUnit), 403);
        await Post($"/api/feedback/{feedback.Id}/answer", new { answer = "x" }, Token(Roles.Officer, agency: OtherUnit), 403);
        var read = (await (await Get($"/api/feedback/{feedback.Id}", Token(Roles.Officer, agency: Police))).ReadAsJsonAsync<FeedbackView>())!;
        read.Contact.ShouldBe(new FeedbackContact(Name, Phone, Email, "Tổ 3, phường Kon Tum"));
        var answered = await Act(feedback.Id, "answer", new { answer = "Hồ sơ đã có kết quả, mời nhận tại Trung tâm." }, Token(Roles.Officer, agency: Police, user: "officer.binh"));
        (answered.Status, answered.AnsweredBy, answered.PublishBy is not null).ShouldBe((FeedbackStatus.Answered, "officer.binh", true));

        await Post($"/api/feedback/{feedback.Id}/publish", new { }, Desk, 403);
        var published = await Act(feedback.Id, "publish", new { question = "Hồ sơ tạm trú đã quá hẹn trả kết quả?" }, Controller);
        published.Status.ShouldBe(FeedbackStatus.Published);
        await Post($"/api/feedback/{feedback.Id}/publish", new { }, Controller, 409);

        var page = await Get("/api/public/feedback?procedure=1.004194", null, from: Address());
        var body = await page.ReadAsTextAsync();
        var item = (await page.ReadAsJsonAsync<FeedbackPage<PublicFeedback>>())!.Items.ShouldHaveSingleItem();
        (item.Id, item.Question, item.Answer, item.Agency).ShouldBe((feedback.Id, "Hồ sơ tạm trú đã quá hẹn trả kết quả?",
            "Hồ sơ đã có kết quả, mời nhận tại Trung tâm.", Police));
        foreach (var personal in new[] { Name, Phone, Email, "Kon Tum", code, "Đã quá hẹn mà chưa có kết quả." })
            body.ShouldNotContain(personal);
        Fixture.Logs.Lines.ShouldNotContain(line => line.Contains(Phone) || line.Contains(Email) || line.Contains(Name));
    }

    [Fact]
    public async Task reading_the_contact_is_on_the_access_log_granted_or_refused()
    {
        var feedback = (await (await Post("/api/feedback", new { procedureCode = "1.004194", subject = "Hỏi thủ tục", content = "Cần giấy tờ gì?", contact = Contact },
            Desk, 201)).ReadAsJsonAsync<FeedbackView>())!;

        await Get($"/api/feedback/{feedback.Id}", Token(Roles.Auditor, user: "auditor.lan"));
        await Get($"/api/feedback/{feedback.Id}", Token(Roles.Desk, agency: "057.01.91.H48", user: "desk.other"), 403);

        await using var session = Store.QuerySession();
        var reads = await session.Query<PersonalDataRead>().Where(r => r.Subject == $"feedback {feedback.Id}").ToListAsync();
        reads.Select(r => (r.User, r.Granted)).OrderBy(r => r.User).ShouldBe([("auditor.lan", true), ("desk.other", false)]);
    }

    [Fact]
    public async Task bad_input_is_a_400_naming_each_field_and_appends_nothing()
    {
        var before = await EventCount();
        var problem = JsonNode.Parse(await (await Post("/api/feedback",
            new { dossierCode = "nope", subject = "", content = new string('x', 4001), contact = new { email = "not-an-address", phone = "12" } }, Desk, 400))
            .ReadAsTextAsync())!;
        problem["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["contact.email", "contact.phone", "content", "dossierCode", "subject"]);

        var wrongType = JsonNode.Parse(await (await Post("/api/feedback", new { procedureCode = "1.004194", subject = 5, content = "x" }, Desk, 400)).ReadAsTextAsync())!;
        wrongType["errors"]!["subject"].ShouldNotBeNull();
        wrongType.ToJsonString().ShouldNotContain("System.");

        var unknown = JsonNode.Parse(await (await Post("/api/feedback", new { dossierCode = "057.01.90.H48-260302-9999", subject = "s", content = "c" }, Desk, 400))
            .ReadAsTextAsync())!;
        unknown["errors"]!["dossierCode"].ShouldNotBeNull();
        (await EventCount()).ShouldBe(before);

        var feedback = (await (await Post("/api/feedback", new { procedureCode = "1.004194", subject = "s", content = "c" }, Desk, 201)).ReadAsJsonAsync<FeedbackView>())!;
        var agency = JsonNode.Parse(await (await Post($"/api/feedback/{feedback.Id}/assign", new { agency = "X.99" }, Controller, 400)).ReadAsTextAsync())!;
        agency["errors"]!["agency"].ShouldNotBeNull();
        await Post($"/api/feedback/{Guid.NewGuid()}/assign", new { agency = Police }, Controller, 404);
        await Post($"/api/feedback/{feedback.Id}/assign", new { agency = Police, expectedVersion = 7 }, Controller, 412);
    }

    [Fact]
    public async Task a_command_sent_twice_with_one_key_is_answered_twice_and_recorded_once()
    {
        var feedback = (await (await Post("/api/feedback", new { procedureCode = "1.004194", subject = "s", content = "c" }, Desk, 201)).ReadAsJsonAsync<FeedbackView>())!;
        async Task<FeedbackView> Refuse() => (await (await Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "Trùng lặp" }).ToUrl($"/api/feedback/{feedback.Id}/refuse");
            s.WithBearerToken(Controller);
            s.WithRequestHeader("Idempotency-Key", $"refuse-{feedback.Id}");
            s.StatusCodeShouldBe(200);
        })).ReadAsJsonAsync<FeedbackView>())!;

        var (first, second) = (await Refuse(), await Refuse());
        second.ShouldBe(first with { Missed = second.Missed, LateActs = second.LateActs, AllowedActions = second.AllowedActions });
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(feedback.Id)).Count(e => e.Data is FeedbackRefused).ShouldBe(1);
        // The feedback's events are on the audit hash chain like a dossier's.
        var chain = (await Host.Services.GetRequiredService<ChainVerifier>().Verify(feedback.Id))!;
        (chain.Intact, chain.Events).ShouldBe((true, 2L));
    }

    [Fact]
    public async Task anyone_may_send_feedback_about_a_procedure_or_with_the_receipts_proof_about_a_dossier()
    {
        var (dossierId, code) = await AcceptedDossier();
        var token = Host.Services.GetRequiredService<ResultLinks>().TokenFor(dossierId);

        var aboutProcedure = await Post("/api/public/feedback", new { procedureCode = "1.004194", subject = "Hỏi", content = "Lệ phí bao nhiêu?" }, null, 201, Address());
        var receipt = (await aboutProcedure.ReadAsJsonAsync<FeedbackReceipt>())!;
        var text = await aboutProcedure.ReadAsTextAsync();
        text.ShouldNotContain("contact");

        var aboutDossier = (await (await Post("/api/public/feedback",
            new { dossierCode = code, receiptToken = token, subject = "Chậm", content = "Quá hẹn", contact = Contact }, null, 201, Address()))
            .ReadAsJsonAsync<FeedbackReceipt>())!;
        var wrongProof = JsonNode.Parse(await (await Post("/api/public/feedback",
            new { dossierCode = code, receiptToken = new string('A', 64), subject = "Chậm", content = "Quá hẹn" }, null, 400, Address())).ReadAsTextAsync())!;
        wrongProof["errors"]!["receiptToken"].ShouldNotBeNull();

        await using var session = Store.QuerySession();
        var stored = (await session.LoadAsync<CitizenFeedback>(aboutDossier.Id))!;
        (stored.Channel, stored.ReceivingCentre, stored.DossierId, stored.Contact!.Phone).ShouldBe((FeedbackChannel.Public, DeskAgency, dossierId, Phone));
        (stored.ReceivedBy.User, stored.ReceivedBy.Role).ShouldBe(("citizen", "public"));
        (await session.LoadAsync<CitizenFeedback>(receipt.Id))!.ReceivingCentre.ShouldBeNull();

        // The centre's desk lists the one about its dossier; the list carries no contact.
        var list = await Get("/api/feedback", Desk);
        (await list.ReadAsJsonAsync<FeedbackPage<FeedbackItem>>())!.Items.Select(i => i.Id).ShouldBe([aboutDossier.Id]);
        (await list.ReadAsTextAsync()).ShouldNotContain(Phone);
    }

    [Fact]
    public async Task the_public_routes_share_the_lookups_limit_per_address()
    {
        var client = Address();
        await MinuteWindows.ClearOfABoundary(Host.Services.GetRequiredService<TimeProvider>());
        var statuses = new List<int>();
        for (var i = 0; i < 21; i++)
        {
            var result = await Host.Scenario(s =>
            {
                if (i % 2 == 0) s.Post.Json(new { procedureCode = "1.004194", subject = "s", content = "c" }).ToUrl("/api/public/feedback");
                else s.Get.Url("/api/public/feedback");
                s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(client));
                s.IgnoreStatusCode();
            });
            statuses.Add(result.Context.Response.StatusCode);
        }
        statuses.Take(20).ShouldAllBe(s => s == 200 || s == 201);
        statuses[20].ShouldBe(429);
    }

    [Fact]
    public async Task officers_list_only_their_agency_and_pages_follow_each_other()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var feedback = (await (await Post("/api/feedback", new { procedureCode = "1.004194", subject = $"s{i}", content = "c" }, Desk, 201)).ReadAsJsonAsync<FeedbackView>())!;
            await Act(feedback.Id, "assign", new { agency = Police }, Controller);
            ids.Add(feedback.Id);
        }
        var officer = Token(Roles.Officer, agency: Police);
        await Get($"/api/feedback?agency={OtherUnit}", officer, 403);
        await Get("/api/feedback?status=lost", officer, 400);

        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = (await (await Get($"/api/feedback?limit=2&status=assigned{(next is null ? "" : $"&next={next}")}", officer))
                .ReadAsJsonAsync<FeedbackPage<FeedbackItem>>())!;
            seen.AddRange(page.Items.Select(i => i.Id));
            next = page.Next;
        } while (next is not null);
        seen.ShouldBe(Enumerable.Reverse(ids).ToList());
        (await (await Get("/api/feedback", Token(Roles.Officer, agency: OtherUnit))).ReadAsJsonAsync<FeedbackPage<FeedbackItem>>())!.Items.ShouldBeEmpty();

        var figures = (await (await Get("/api/feedback/figures?from=2026-01-01&to=2026-12-31", Controller)).ReadAsJsonAsync<FeedbackFiguresReport>())!;
        (figures.Province.Received, figures.Province.Open).ShouldBe((3, 3));
        figures.Agencies.ShouldHaveSingleItem().Agency.ShouldBe(Police);
        await Get("/api/feedback/figures?from=2026-01-01", Controller, 400);
    }
}
