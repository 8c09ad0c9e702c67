using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using Dossiers.Tests.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// More work than a node can take. Each test starts a node of its own (a real process, in its own schema) and holds a
/// lock that the node's requests wait on, for as long as it needs them running.
/// <list type="bullet">
/// <item>A process has one pool of PostgreSQL connections (Database:MaxPoolSize). When a burst keeps every one of them
/// busy for longer than a request may wait, the request is answered 503 with Retry-After, never 500, and the service is
/// itself again as soon as the burst ends (a pool of three).</item>
/// <item>Work on dossiers is admitted a few requests at a time (Admission:Concurrent), the rest wait their turn
/// (Admission:Queue), and one that finds the queue full is answered 503 with Retry-After (one admitted, one place in
/// the queue).</item>
/// </list>
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_work_outruns_the_node(AppFixture fixture)
{
    private const string BudgetSchema = "budget_test";
    private const string AdmissionSchema = "admission_test";

    [Fact]
    public async Task requests_that_find_every_connection_busy_are_answered_503_with_retry_after_and_the_next_ones_are_served()
    {
        await using var node = await ApiNode.Start("budget", new ApiNode.Settings(BudgetSchema, Environment: new Dictionary<string, string>
        {
            ["DOSSIERS_DB"] = System.Environment.GetEnvironmentVariable("DOSSIERS_DB") + ";Timeout=2",
            ["Database__MaxPoolSize"] = "3",
        }));
        var token = fixture.Token(Roles.Auditor);
        var missing = $"/api/dossiers/{Guid.CreateVersion7()}";
        (await node.Get(missing, token)).Status.ShouldBe(404);   // the pool is warm

        // The burst: a long transaction holds the streams table (a read of a dossier looks up its stream's version first),
        // so the requests that got the node's three connections wait on it, and the others wait for a connection longer
        // than they may (2 s), in turns of the node's admission.
        await using var held = await HeldTable.Hold(fixture.Host.Services.GetRequiredService<NpgsqlDataSource>(), $"{BudgetSchema}.mt_streams");
        var burst = Enumerable.Range(0, 20).Select(_ => node.Get(missing, token)).ToList();
        await Eventually.Get(() => Task.FromResult(burst.Count(t => t.IsCompleted) >= 17 ? "" : null), TimeSpan.FromSeconds(30), "the burst answered");
        await held.Release();
        var answers = await Task.WhenAll(burst);

        answers.Count(a => a.Status == 503).ShouldBeGreaterThanOrEqualTo(17);
        answers.Where(a => a.Status == 503).ShouldAllBe(a => a.RetryAfter == "2" && a.Body.Contains("Service busy") && !a.Body.Contains("Npgsql"));
        answers.Where(a => a.Status != 503).ShouldAllBe(a => a.Status == 404);
        (await node.Get(missing, token)).Status.ShouldBe(404);
    }

    [Fact]
    public async Task a_request_waits_while_others_run_and_one_past_the_queue_is_answered_503_while_other_work_goes_on()
    {
        await using var node = await ApiNode.Start("admission", new ApiNode.Settings(AdmissionSchema, Environment: new Dictionary<string, string>
        {
            ["Admission__Concurrent"] = "1",
            ["Admission__Queue"] = "1",
        }));
        var token = fixture.Token(Roles.Auditor);
        var missing = $"/api/dossiers/{Guid.CreateVersion7()}";
        (await node.Get(missing, token)).Status.ShouldBe(404);   // the node is warm

        // The streams table: a read of a dossier looks up its stream's version first.
        await using var held = await HeldTable.Hold(fixture.Host.Services.GetRequiredService<NpgsqlDataSource>(), $"{AdmissionSchema}.mt_streams");

        var running = node.Get(missing, token);
        await Eventually.Get(async () => await held.HasWaiters() ? "" : null, what: "the admitted request waiting on the lock");
        var waiting = node.Get(missing, token);
        await Eventually.Get(async () => await Queued(node) == 1 ? "" : null, what: "the second request in the queue");

        var turnedAway = await node.Get(missing, token);
        turnedAway.Status.ShouldBe(503);
        turnedAway.RetryAfter.ShouldBe("2");
        turnedAway.Body.ShouldContain("Service busy");
        // Work that is not on dossiers is not queued behind it, nor is a dossier's file transfer (at its client's pace).
        (await node.Get("/api/workflows", token)).Status.ShouldBe(200);
        using (var upload = await node.Send(HttpMethod.Post, $"{missing}/files", fixture.Token(Roles.Officer, "any-agency"), new StringContent("not multipart")))
            ((int)upload.StatusCode).ShouldBe(415);
        running.IsCompleted.ShouldBeFalse();
        waiting.IsCompleted.ShouldBeFalse();

        await held.Release();
        (await running).Status.ShouldBe(404);
        (await waiting).Status.ShouldBe(404);
        (await node.Get(missing, token)).Status.ShouldBe(404);
    }

    /// <summary>The requests waiting their turn, as the node's own metrics say.</summary>
    private static async Task<double> Queued(ApiNode node)
    {
        using var metrics = await node.Send(HttpMethod.Get, "/metrics");
        return (await metrics.Content.ReadAsStringAsync()).Split('\n')
            .Where(line => line.StartsWith("aspnetcore_rate_limiting_queued_requests"))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
