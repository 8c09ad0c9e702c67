using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Sla;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Sla;

/// <summary>
/// The figures the console's dashboard and heat map read: the scorecard day by day (each day equal to the scorecard of
/// that day) and each step's waiting and finished times on a workflow version, through HTTP on the real host.
/// </summary>
public class when_reading_the_trend_and_the_step_times(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Centre = "057.01.90.H48";
    private const string Definition = "1.004222-thuong-tru";

    [Fact]
    public async Task each_day_of_the_trend_is_the_scorecard_of_that_day_and_the_steps_show_who_waits_where()
    {
        var desk = Token(Roles.Desk, Centre, "lan");
        var first = (await Host.Command($"/api/dossiers/{(await Host.SubmittedDossier(desk)).Id}/accept", desk))!;
        await Host.Command($"/api/dossiers/{(await Host.SubmittedDossier(desk)).Id}/accept", desk);
        var step = first.Tasks[0];
        var officer = Token(Roles.Officer, step.Agency, "minh");
        await Host.Command($"/api/dossiers/{first.Id}/tasks/{step.TaskId}/acknowledge", officer);
        await Host.Command($"/api/dossiers/{first.Id}/tasks/{step.TaskId}/complete", officer, new { outcome = "Approved", note = "Đủ điều kiện" });

        // The wall screen's token reads the trend; the shifted clock's Monday is the second day.
        var kiosk = Token(Roles.Kiosk, user: "kiosk");
        var trend = await Eventually.Get(async () =>
        {
            var answer = await Read<ScorecardTrendReport>("/api/sla/trend?from=2026-03-01&to=2026-03-02", kiosk);
            return answer.Days[1].Received == 2 ? answer : null;
        }, what: "both dossiers on the trend");
        trend.Days.Select(d => d.Date.ToString("yyyy-MM-dd")).ShouldBe(["2026-03-01", "2026-03-02"]);
        trend.Days[0].ShouldBe(new TrendDay(new DateOnly(2026, 3, 1), 0, 0, 0, null));
        var monday = (await Read<ScorecardReport>("/api/sla/scorecard?from=2026-03-02&to=2026-03-02", kiosk)).Province;
        trend.Days[1].ShouldBe(new TrendDay(new DateOnly(2026, 3, 2), monday.Received, monday.Finished, monday.Late, monday.OnTimeRate));

        // The first step: one dossier still waits there, the other finished it; the next step has the finished one.
        var integrator = Token(Roles.Integrator, user: "hoa");
        var times = await Eventually.Get(async () =>
        {
            var answer = await Read<StepTimesReport>($"/api/workflows/{Definition}/1/step-times?from=2026-03-01&to=2026-03-02", integrator);
            return answer.Steps.FirstOrDefault(s => s.ActivityId == step.ActivityId) is { Finished: 1 } ? answer : null;
        }, what: "the finished step on the step times");
        times.Dossiers.ShouldBe(2);
        var at = times.Steps.Single(s => s.ActivityId == step.ActivityId);
        (at.Waiting, at.WaitingOverdue, at.Finished, at.FinishedLate).ShouldBe((1, 0, 1, 0));
        at.WaitingMedianMinutes.ShouldNotBeNull();
        at.FinishedMedianMinutes.ShouldNotBeNull();
        times.Steps.Sum(s => s.Waiting).ShouldBe(2);
    }

    [Fact]
    public async Task a_wrong_period_or_version_is_named_and_a_long_trend_is_refused()
    {
        var integrator = Token(Roles.Integrator, user: "hoa");
        await Problem($"/api/workflows/{Definition}/1/step-times?from=2026-13-01", integrator, 400, "from");
        await Problem($"/api/workflows/{Definition}/99/step-times", integrator, 404, null);
        var controller = Token(Roles.Controller, user: "quang");
        await Problem("/api/sla/trend?from=2026-01-01&to=2026-06-30", controller, 400, "to");
        await Problem("/api/sla/trend?from=2026-03-01&to=2026-03-02&level=district", controller, 400, "level");
    }

    private async Task<T> Read<T>(string url, string token)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token); });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    private async Task Problem(string url, string token, int status, string? field)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token); s.StatusCodeShouldBe(status); });
        var body = await result.ReadAsTextAsync();
        if (field is not null) body.ShouldContain($"\"{field}\"");
    }
}
