using System.Net;
using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using Dossiers.Tests.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// A process has one pool of PostgreSQL connections (Database:MaxPoolSize). When a burst keeps every one of them busy
/// for longer than a request may wait, the request is answered 503 with Retry-After, never 500, and the service is
/// itself again as soon as the burst ends. A node of its own (a real process, in its own schema) with a pool of three;
/// the test holds a lock that the requests holding those connections wait on, so every other request finds the pool spent.
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_the_connection_budget_is_spent(AppFixture fixture)
{
    private const string Schema = "budget_test";

    [Fact]
    public async Task requests_that_find_every_connection_busy_are_answered_503_with_retry_after_and_the_next_ones_are_served()
    {
        await using var node = await ApiNode.Start("budget", new ApiNode.Settings(Schema, Environment: new Dictionary<string, string>
        {
            ["DOSSIERS_DB"] = System.Environment.GetEnvironmentVariable("DOSSIERS_DB") + ";Timeout=2",
            ["Database__MaxPoolSize"] = "3",
        }));
        var token = fixture.Token(Roles.Auditor);
        var missing = $"/api/dossiers/{Guid.CreateVersion7()}";
        (await node.Get(missing, token)).Status.ShouldBe(404);   // the pool is warm

        // The burst: a long transaction holds the dossier table, so the requests that got the node's three connections
        // wait on it, and the others wait for a connection longer than they may (2 s).
        await using var held = await HeldTable.Hold(fixture.Host.Services.GetRequiredService<NpgsqlDataSource>(), $"{Schema}.mt_doc_dossier");
        var burst = Enumerable.Range(0, 20).Select(_ => node.Get(missing, token)).ToList();
        await Eventually.Get(() => Task.FromResult(burst.Count(t => t.IsCompleted) >= 17 ? "" : null), TimeSpan.FromSeconds(30), "the burst answered");
        await held.Release();
        var answers = await Task.WhenAll(burst);

        answers.Count(a => a.Status == 503).ShouldBeGreaterThanOrEqualTo(17);
        answers.Where(a => a.Status == 503).ShouldAllBe(a => a.RetryAfter == "2" && a.Body.Contains("Service busy") && !a.Body.Contains("Npgsql"));
        answers.Where(a => a.Status != 503).ShouldAllBe(a => a.Status == 404);
        (await node.Get(missing, token)).Status.ShouldBe(404);
    }
}
