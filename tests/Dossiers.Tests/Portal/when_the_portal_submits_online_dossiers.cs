using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Sla;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Fixtures;
using JasperFx.Events;
using Marten.Events;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wolverine.Tracking;

namespace Dossiers.Tests.Portal;

/// <summary>
/// The national portal (Cổng DVCQG) as a client (issue 17): its online dossiers go to the centre the applicant chose,
/// new on the portal (1) until that centre's desk answers, which it must do within 8 working hours.
/// </summary>
public class when_the_portal_submits_online_dossiers(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string KonTum = "057.01.90.H48";      // TTPVHCC phường Kon Tum
    private const string CamThanh = "004.01.90.H48";    // TTPVHCC phường Cẩm Thành
    private const string KonTumPolice = "057.02.90.H48";
    private const string Url = "/api/portal/dossiers";

    private string PortalToken => Token(Roles.Portal, user: "dvcqg-client");
    private string Desk(string centre) => Token(Roles.Desk, agency: centre);

    private static object Body(string reference, string centre = KonTum, string procedure = "1.004222", string applicant = "Trần Thị Bình") => new
    {
        portalReference = reference,
        receivingCentre = centre,
        procedureCode = procedure,
        applicant = new { name = applicant, idNumber = "051090000456", phone = "0912345679", email = "binh@example.vn", address = "Kon Tum" },
        documents = new[] { new { name = "Tờ khai thay đổi thông tin cư trú (CT01)", kind = "electronic", digitized = true } },
    };

    private async Task<(IScenarioResult Result, DossierView? View)> Send(object body, string? token, int status)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(Url);
            if (token is not null) s.WithBearerToken(token);
            s.StatusCodeShouldBe(status);
        });
        return (result, status is 200 or 201 ? await result.ReadAsJsonAsync<DossierView>() : null);
    }

    private async Task<DossierView> Submitted(string reference, string centre = KonTum, string procedure = "1.004222") =>
        (await Send(Body(reference, centre, procedure), PortalToken, 201)).View!;

    private async Task<T> Get<T>(string url, string token, int status = 200)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token); s.StatusCodeShouldBe(status); });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    private async Task<IReadOnlyList<IEvent>> Stream(Guid id)
    {
        await using var session = Store.QuerySession();
        return await session.Events.FetchStreamAsync(id);
    }

    /// <summary>
    /// Temporary residence with an online intake of a few seconds (hours as fractions: 0.0005 h = 1.8 s), so its timer fires
    /// during the test. Versions no other test publishes: the host caches a published version once parsed.
    /// </summary>
    private async Task PublishQuickIntake(int version, decimal hours)
    {
        var json = ShippedDefinition("1.004194-tam-tru", version);
        json["customProperties"]!["procedure"]!["rules"] = new JsonObject { ["onlineIntakeWorkingHours"] = hours };
        await Publish(json);
    }

    [Fact]
    public async Task an_online_dossier_is_new_on_the_portal_until_the_chosen_centres_desk_accepts_it()
    {
        var submitted = await Submitted("G22.99.99-260302-000001");

        submitted.Channel.ShouldBe(Channel.Online);
        submitted.DvcqgStatus.ShouldBe(1);
        submitted.ReceivingAgency.ShouldBe(KonTum);
        submitted.PortalReference.ShouldBe("G22.99.99-260302-000001");
        submitted.AcceptanceDueAt.ShouldNotBeNull().ShouldBeGreaterThan(submitted.SubmittedAt);
        (await Stream(submitted.Id)).ShouldHaveSingleItem().Headers!["role"].ToString().ShouldBe(Roles.Portal);

        var seen = await Get<DossierView>($"/api/dossiers/{submitted.Id}", Desk(KonTum));
        seen.AllowedActions.ShouldContain(DossierActions.Accept);
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var board = await Get<OnlineIntakeBoard>($"/api/sla/online-intake?agency={KonTum}", Desk(KonTum));
        var waiting = board.Items.ShouldHaveSingleItem();
        waiting.Id.ShouldBe(submitted.Id);
        waiting.Overdue.ShouldBeFalse();
        board.Centres.ShouldHaveSingleItem().Waiting.ShouldBe(1);
        var found = await Get<Dossiers.Api.Search.SearchPage>($"/api/dossiers?q={Uri.EscapeDataString("tran thi binh")}&status=1", Desk(KonTum));
        found.Items.ShouldHaveSingleItem().Id.ShouldBe(submitted.Id);
        (await Get<Dossiers.Api.Search.SearchPage>($"/api/dossiers?q={Uri.EscapeDataString("tran thi binh")}", Desk(CamThanh))).Items.ShouldBeEmpty();

        var accepted = await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk(KonTum));

        accepted!.DvcqgStatus.ShouldBe(2);
        accepted.Code.ShouldNotBeNull().ShouldStartWith(KonTum + "-");
        accepted.IntakeLate.ShouldBeFalse();
        (await Stream(submitted.Id)).ShouldNotContain(e => e.Data is OnlineIntakeLate);
    }

    [Fact]
    public async Task another_centres_desk_can_neither_read_nor_accept_it_and_the_chosen_desk_may_refuse_it()
    {
        var submitted = await Submitted("G22-REF-2");
        var before = await EventCount();

        await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{submitted.Id}"); s.WithBearerToken(Desk(CamThanh)); s.StatusCodeShouldBe(403); });
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk(CamThanh), status: 403);
        (await EventCount()).ShouldBe(before);

        var refused = await Host.Command($"/api/dossiers/{submitted.Id}/refuse", Desk(KonTum), new { reason = "Tờ khai không đúng mẫu CT01" });
        refused!.DvcqgStatus.ShouldBe(3);
    }

    [Fact]
    public async Task only_the_portal_submits_there()
    {
        var before = await EventCount();

        await Send(Body("G22-REF-3"), null, 401);
        foreach (var token in new[] { Desk(KonTum), Token(Roles.Officer, agency: KonTumPolice), Token(Roles.Auditor), Token(Roles.Admin), Token(Roles.Controller) })
            await Send(Body("G22-REF-3"), token, 403);
        // and the portal has no other door: the desk's route refuses it
        await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest(channel: "online")).ToUrl("/api/dossiers");
            s.WithBearerToken(PortalToken);
            s.StatusCodeShouldBe(403);
        });

        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_token_command_mints_a_portal_token_that_submits_and_refuses_one_naming_a_unit()
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        int? minted, refused;
        try
        {
            var (configuration, environment) = (Host.Services.GetRequiredService<IConfiguration>(), Host.Services.GetRequiredService<IHostEnvironment>());
            minted = Dossiers.Api.Hosting.Cli.TryRun(["token", "--role", "portal", "--user", "dvcqg"], configuration, environment);
            refused = Dossiers.Api.Hosting.Cli.TryRun(["token", "--role", "portal", "--agency", KonTum], configuration, environment);
        }
        finally { Console.SetOut(originalOut); Console.SetError(originalError); }

        minted.ShouldBe(0);
        refused.ShouldBe(2);
        error.ToString().ShouldContain("portal");
        await Send(Body("G22-CLI-1"), output.ToString().Trim().Split('\n').Last(), 201);
    }

    [Fact]
    public async Task the_same_portal_reference_twice_is_one_dossier_answered_as_the_first_time()
    {
        var (first, view) = await Send(Body("G22-REF-4"), PortalToken, 201);
        var (again, repeated) = await Send(Body("G22-REF-4"), Token(Roles.Portal, user: "dvcqg-other-node"), 201);

        repeated!.Id.ShouldBe(view!.Id);
        (await again.ReadAsTextAsync()).ShouldBe(await first.ReadAsTextAsync());
        again.Context.Response.Headers.Location.ToString().ShouldBe($"/api/dossiers/{view.Id}");
        (await Stream(view.Id)).Count.ShouldBe(1);

        var before = await EventCount();
        var (changed, _) = await Send(Body("G22-REF-4", applicant: "Người khác"), PortalToken, 422);
        (await changed.ReadAsTextAsync()).ShouldContain("portalReference");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task the_same_portal_dossier_sent_four_times_at_once_is_one_dossier_and_four_times_the_same_answer()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Host.Scenario(s =>
        {
            s.Post.Json(Body("G22-RACE-1")).ToUrl(Url);
            s.WithBearerToken(Token(Roles.Portal, user: $"dvcqg-node-{i}"));
            s.IgnoreStatusCode();
        })));

        answers.Select(a => a.Context.Response.StatusCode).ShouldAllBe(status => status == 201);
        var ids = await Task.WhenAll(answers.Select(async a => (await a.ReadAsJsonAsync<DossierView>())!.Id));
        ids.Distinct().ShouldHaveSingleItem();
        (await Stream(ids[0])).Count.ShouldBe(1);
    }

    [Fact]
    public async Task once_the_first_answer_is_forgotten_the_same_reference_answers_the_dossier_as_it_is_now()
    {
        var submitted = await Submitted("G22-OLD-1");
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk(KonTum));
        await using (var session = Store.LightweightSession())
        {
            session.DeleteWhere<IdempotencyRecord>(r => r.Id.StartsWith(PortalSubmitEndpoint.AnswersOwner + "|"));
            await session.SaveChangesAsync();
        }
        var before = await EventCount();

        var (_, now) = await Send(Body("G22-OLD-1"), PortalToken, 200);

        now!.Id.ShouldBe(submitted.Id);
        now.DvcqgStatus.ShouldBe(2);
        (await EventCount()).ShouldBe(before);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"receivingCentre":"057.01.90.H48","procedureCode":"1.004222","applicant":{"name":"A"},"documents":[]}""", "portalReference" },
        { """{"portalReference":"has spaces","receivingCentre":"057.01.90.H48","procedureCode":"1.004222","applicant":{"name":"A"},"documents":[]}""", "portalReference" },
        { """{"portalReference":"R-1","procedureCode":"1.004222","applicant":{"name":"A"},"documents":[]}""", "receivingCentre" },
        { """{"portalReference":"R-1","receivingCentre":"057.02.90.H48","procedureCode":"1.004222","applicant":{"name":"A"},"documents":[]}""", "receivingCentre" },
        { """{"portalReference":"R-1","receivingCentre":"999.99.99.X","procedureCode":"1.004222","applicant":{"name":"A"},"documents":[]}""", "receivingCentre" },
        { """{"portalReference":"R-1","receivingCentre":"057.01.90.H48","procedureCode":"1.0042","applicant":{"name":"A"},"documents":[]}""", "procedureCode" },
        { """{"portalReference":"R-1","receivingCentre":"057.01.90.H48","procedureCode":"1.004222","applicant":{},"documents":[]}""", "applicant.name" },
        { """{"portalReference":"R-1","receivingCentre":"057.01.90.H48","procedureCode":"1.004222","applicant":{"name":"A"},"documents":[{"name":"x","kind":"paper"}]}""", "documents[0].kind" },
        { """{"portalReference":"R-1","receivingCentre":"057.01.90.H48","procedureCode":"1.004222","applicant":{"name":"A"}}""", "documents" },
    };

    [Theory, MemberData(nameof(BadBodies))]
    public async Task a_bad_body_answers_400_naming_the_field_and_appends_nothing(string body, string field)
    {
        var before = await EventCount();

        var result = await Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl(Url);
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(PortalToken);
            s.StatusCodeShouldBe(400);
        });

        var errors = JsonNode.Parse(await result.ReadAsTextAsync())!["errors"]!.AsObject();
        errors.ContainsKey(field).ShouldBeTrue($"{field} not in {errors.ToJsonString()}");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_online_dossier_left_past_its_hours_is_recorded_overdue_then_late_and_counted_on_the_board_and_the_scorecard()
    {
        await PublishQuickIntake(171, 0.0005m);
        var late = await Submitted("G22-LATE-1", procedure: "1.004194");
        var onTime = await Submitted("G22-ONTIME-1", CamThanh);   // 8 working hours: answered at once

        await Host.Command($"/api/dossiers/{onTime.Id}/accept", Desk(CamThanh));
        var overdue = await Eventually.Get(async () => (await Stream(late.Id)).Select(e => e.Data).OfType<OnlineIntakeOverdue>().FirstOrDefault(),
            TimeSpan.FromSeconds(30), nameof(OnlineIntakeOverdue));

        overdue.DetectedAt.ShouldBeGreaterThanOrEqualTo(overdue.DueAt);
        overdue.ReceivingAgency.ShouldBe(KonTum);
        (await Stream(late.Id)).Last().Headers!["user"].ToString().ShouldBe("system");
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var board = await Get<OnlineIntakeBoard>("/api/sla/online-intake", Token(Roles.Auditor));
        board.Items.ShouldHaveSingleItem().Overdue.ShouldBeTrue();
        board.Centres.ShouldHaveSingleItem().ShouldSatisfyAllConditions(c => c.Centre.ShouldBe(KonTum), c => c.Overdue.ShouldBe(1));

        var accepted = await Host.Command($"/api/dossiers/{late.Id}/accept", Desk(KonTum));

        accepted!.DvcqgStatus.ShouldBe(2);
        accepted.IntakeLate.ShouldBeTrue();
        var recorded = (await Stream(late.Id)).Select(e => e.Data).OfType<OnlineIntakeLate>().ShouldHaveSingleItem();
        recorded.Answer.ShouldBe("accepted");
        recorded.AnsweredAt.ShouldBeGreaterThan(recorded.DueAt);
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        (await Get<OnlineIntakeBoard>("/api/sla/online-intake", Token(Roles.Auditor))).Items.ShouldBeEmpty();
        var day = $"{Fixture.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)):yyyy-MM-dd}";
        var report = await Get<ScorecardReport>($"/api/sla/scorecard?from={day}&to={day}", Token(Roles.Auditor));
        report.OnlineIntake!.ShouldSatisfyAllConditions(
            p => p.Submitted.ShouldBe(2), p => p.AnsweredOnTime.ShouldBe(1), p => p.AnsweredLate.ShouldBe(1), p => p.Late.ShouldBe(1));
        report.OnlineIntakeByCentre!.Single(c => c.Centre == KonTum).AnsweredLate.ShouldBe(1);
        report.OnlineIntakeByCentre!.Single(c => c.Centre == CamThanh).ShouldSatisfyAllConditions(c => c.AnsweredOnTime.ShouldBe(1), c => c.AnsweredLate.ShouldBe(0));
        (await Get<ScorecardReport>($"/api/sla/scorecard?from={day}&to={day}&agency={CamThanh}", Token(Roles.Auditor)))
            .OnlineIntake!.Late.ShouldBe(0);
    }

    [Fact]
    public async Task the_intake_timer_firing_on_an_accepted_dossier_does_nothing()
    {
        await PublishQuickIntake(172, 0.002m);   // 7.2 s
        var submitted = await Submitted("G22-REF-6", procedure: "1.004194");
        var accepted = await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk(KonTum));
        accepted!.IntakeLate.ShouldBeFalse();
        var due = submitted.AcceptanceDueAt!.Value;
        while (Fixture.Clock.GetUtcNow() <= due) await Task.Delay(100);   // its own timer fires about now, too
        var before = (await Stream(submitted.Id)).Count;

        await Host.InvokeMessageAndWaitAsync(new DeadlineReached(submitted.Id, DeadlineKind.OnlineIntake, null, due, Fixture.Clock.GetUtcNow()));
        await Host.InvokeMessageAndWaitAsync(new DeadlineReached(submitted.Id, DeadlineKind.OnlineIntake, null, due, Fixture.Clock.GetUtcNow()));

        var stream = await Stream(submitted.Id);
        stream.Count.ShouldBe(before);
        stream.ShouldNotContain(e => e.Data is OnlineIntakeOverdue || e.Data is OnlineIntakeLate);
    }
}
