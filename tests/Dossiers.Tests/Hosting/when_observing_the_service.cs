using System.Net.Http.Json;
using System.Diagnostics;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Observability;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// What operators watch: Prometheus metrics at /metrics (requests by route and status, the decider's decisions,
/// projection lag, timers due, overdue dossiers), liveness and readiness apart, and the decider as a traced span.
/// </summary>
public class when_observing_the_service(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Centre = "057.01.90.H48";

    private async Task<(int Status, string Body)> Get(string url)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.IgnoreStatusCode(); });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
    }

    [Fact]
    public async Task metrics_count_commands_by_route_and_decision_and_show_the_store()
    {
        // A process of its own: OpenTelemetry's listeners are process-wide, and another host in the suite's process (the
        // portal sync's) takes the suite host's factory-made meters (ASP.NET Core's, the store's figures) away with it.
        await using var node = await Nodes.ApiNode.Start("metrics", new Nodes.ApiNode.Settings("metrics_test"));
        var desk = Token(Roles.Desk, agency: Centre, user: "desk.metrics");
        using var submitted = await node.Send(HttpMethod.Post, "/api/dossiers", desk, System.Net.Http.Json.JsonContent.Create(Scenarios.SubmitRequest()));
        submitted.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());
        var id = System.Text.Json.Nodes.JsonNode.Parse(await submitted.Content.ReadAsStringAsync())!["id"]!.GetValue<Guid>();
        (await node.Send(HttpMethod.Post, $"/api/dossiers/{id}/accept", desk)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await node.Send(HttpMethod.Post, $"/api/dossiers/{id}/accept", desk)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);   // accepted already: rejected

        var metrics = await Eventually.Get(async () =>
        {
            using var answer = await node.Send(HttpMethod.Get, "/metrics");
            var body = await answer.Content.ReadAsStringAsync();
            return answer.IsSuccessStatusCode && body.Contains("dossiers_projection_lag") && body.Contains("http_server_request_duration_seconds") ? body : null;
        }, TimeSpan.FromSeconds(30), "the store's figures on /metrics");

        metrics.ShouldContain("http_server_request_duration_seconds");
        metrics.ShouldContain("http_route=\"/api/dossiers/{id}/accept\"");
        metrics.ShouldContain("command=\"Accept\",outcome=\"decided\"", customMessage: metrics);
        metrics.ShouldContain("command=\"Accept\",outcome=\"rejected\"");
        metrics.ShouldContain("projection=\"DossierSla:All\"");
        metrics.ShouldNotContain("projection=\"HighWaterAllocationFence\"");   // Marten's own bookkeeping, not a projection
        metrics.ShouldContain("dossiers_timers_due");
        metrics.ShouldContain("dossiers_overdue");
        metrics.ShouldContain("dotnet_jit_compilation_time_seconds_total");   // the runtime's meter: the bench's warm-up waits on it
        metrics.ShouldContain("db_client_commands_duration_seconds");   // Npgsql's statement durations stay...
        metrics.ShouldNotContain("aspnetcore_memory_pool");               // ...the per-request counts left out do not
        metrics.ShouldNotContain("db_client_commands_bytes_written");
        metrics.ShouldContain("aspnetcore_rate_limiting_active_request_leases");   // the requests running their turn stay...
        metrics.ShouldNotContain("aspnetcore_rate_limiting_request_lease_duration");   // ...how long each held it does not
        metrics.ShouldNotContain(id.ToString());
    }

    [Fact]
    public async Task liveness_and_readiness_answer_apart()
    {
        (await Get("/health/live")).Status.ShouldBe(200);
        var ready = await Eventually.Get(async () => await Get("/health/ready") is (200, var body) ? body : null, TimeSpan.FromSeconds(30), "readiness");
        ready.ShouldContain("\"database\":\"reachable\"");
        ready.ShouldContain("\"projections\":\"projections current\"");
    }

    [Fact]
    public async Task the_decider_is_a_span_naming_the_command_and_its_outcome()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == Telemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (spans) spans.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var desk = Token(Roles.Desk, agency: Centre, user: "desk.traces");

        var submitted = await Host.SubmittedDossier(desk);
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk);

        lock (spans)
        {
            spans.ShouldContain(s => s.DisplayName == "decide Submit" && (string?)s.GetTagItem("dossier.outcome") == "decided");
            var accept = spans.Where(s => s.DisplayName == "decide Accept").ShouldHaveSingleItem();
            accept.GetTagItem("dossier.outcome").ShouldBe("decided");
            ((int)accept.GetTagItem("dossier.events")!).ShouldBeGreaterThan(0);
        }
    }
}
