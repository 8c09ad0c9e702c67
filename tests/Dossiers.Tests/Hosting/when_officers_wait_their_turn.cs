using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using Dossiers.Tests.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// Work on dossiers is admitted a few requests at a time (Admission:Concurrent), the rest wait their turn
/// (Admission:Queue), and one that finds the queue full is answered 503 with Retry-After. A node of its own (a real
/// process, in its own schema) admitting one request with one place in the queue; the test holds a lock the admitted
/// request waits on, so the next one queues and the one after finds the queue full.
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_officers_wait_their_turn(AppFixture fixture)
{
    private const string Schema = "admission_test";

    [Fact]
    public async Task a_request_waits_while_others_run_and_one_past_the_queue_is_answered_503_while_other_work_goes_on()
    {
        await using var node = await ApiNode.Start("admission", new ApiNode.Settings(Schema, Environment: new Dictionary<string, string>
        {
            ["Admission__Concurrent"] = "1",
            ["Admission__Queue"] = "1",
        }));
        var token = fixture.Token(Roles.Auditor);
        var missing = $"/api/dossiers/{Guid.CreateVersion7()}";
        (await node.Get(missing, token)).Status.ShouldBe(404);   // the node is warm

        await using var held = await HeldTable.Hold(fixture.Host.Services.GetRequiredService<NpgsqlDataSource>(), $"{Schema}.mt_doc_dossier");

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
