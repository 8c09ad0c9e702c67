using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Sla;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Fixtures;
using Marten;
using Marten.Events;

namespace Dossiers.Tests.Sla;

/// <summary>The boards read the asynchronous SLA projection: each test waits for the daemon, never sleeps.</summary>
public class when_reading_the_sla_boards(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency);
    private string Police => Token(Roles.Officer, agency: PoliceAgency);

    private async Task<Guid> Accepted(string procedure = "1.004194")
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(procedure));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);
        return submitted.Id;
    }

    private async Task<T> Get<T>(string url, string? token = null)
    {
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token ?? Police); });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    [Fact]
    public async Task a_dossier_due_within_the_window_is_at_risk_and_one_due_later_is_not()
    {
        var id = await Accepted();   // 3 working days: due in 24 working hours

        (await Get<SlaBoard>("/api/sla/at-risk?withinHours=25")).Items.ShouldContain(i => i.Id == id);
        (await Get<SlaBoard>("/api/sla/at-risk?withinHours=10")).Items.ShouldNotContain(i => i.Id == id);
        (await Get<SlaBoard>("/api/sla/overdue")).Items.ShouldNotContain(i => i.Id == id);
    }

    [Fact]
    public async Task a_paused_dossier_is_neither_at_risk_nor_overdue()
    {
        var id = await Accepted();
        await Host.Command($"/api/dossiers/{id}/supplement-requests", Police, new { items = new[] { "CCCD" }, reason = "Thiếu" });

        (await Get<SlaBoard>("/api/sla/at-risk?withinHours=100")).Items.ShouldNotContain(i => i.Id == id);
        var sla = await Get<DossierSla>($"/api/dossiers/{id}/sla");
        sla.Paused.ShouldBeTrue();
        sla.Status.ShouldBe(DossierStatus.AwaitingSupplement);
    }

    [Fact]
    public async Task the_per_dossier_sla_follows_the_steps_and_the_result()
    {
        var id = await Accepted();
        foreach (var step in new[] { "appraise", "approve" })
            await Host.Command($"/api/dossiers/{id}/tasks/{step}/complete", Police, new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{id}/tasks/return/complete", Token(Roles.Desk, agency: DeskAgency), new { outcome = "Done" });

        var sla = await Get<DossierSla>($"/api/dossiers/{id}/sla");

        sla.Status.ShouldBe(DossierStatus.Resolved);
        sla.End.ShouldBe(DossierEnd.Resolved);
        sla.LegalTimeliness.ShouldBe(Dossiers.Engine.Calendars.Timeliness.Early);
        sla.Steps.Select(s => s.ActivityId).ShouldBe(["appraise", "approve", "return"]);
        sla.Steps.ShouldAllBe(s => s.CompletedAt != null && s.Timeliness != Dossiers.Engine.Calendars.Timeliness.Late);
        sla.Steps[0].HandOver!.FromAgency.ShouldBe(DeskAgency);
    }

    [Fact]
    public async Task the_scorecard_counts_the_day_s_dossiers()
    {
        var finished = await Accepted();
        foreach (var step in new[] { "appraise", "approve" })
            await Host.Command($"/api/dossiers/{finished}/tasks/{step}/complete", Police, new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{finished}/tasks/return/complete", Token(Roles.Desk, agency: DeskAgency), new { outcome = "Done" });
        await Accepted();
        var day = $"{ShiftedClock.MondayMorning:yyyy-MM-dd}";

        var report = await Get<ScorecardReport>($"/api/sla/scorecard?from={day}&to={day}", Token(Roles.Auditor));

        report.Province.Dossiers.ShouldBe(2);
        report.Province.OnTime.ShouldBe(1);
        report.Province.InProgress.ShouldBe(1);      // the day has not ended and it is not due: not on time yet, not late
        report.Province.OnTimeRate.ShouldBe(100m);
        report.Province.Finished.ShouldBe(1);
        report.Province.Early.ShouldBe(1);
        report.Officers.ShouldContain(o => o.Agency == PoliceAgency && o.Steps.Steps == 2);
    }

    [Theory]
    [InlineData("/api/sla/at-risk", "withinHours")]
    [InlineData("/api/sla/at-risk?withinHours=-3", "withinHours")]
    [InlineData("/api/sla/scorecard?from=2026-13-01&to=2026-03-31", "from")]
    [InlineData("/api/sla/scorecard?from=2026-03-10&to=2026-03-01", "to")]
    public async Task bad_parameters_answer_400_naming_them(string url, string field)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(Token(Roles.Auditor));
            s.StatusCodeShouldBe(400);
        });
        (await result.ReadAsTextAsync()).ShouldContain(field);
    }
}
