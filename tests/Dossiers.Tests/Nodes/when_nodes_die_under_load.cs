using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Dossiers.Tests.Nodes;

/// <summary>
/// Nothing acknowledged is lost when a node dies: real API processes on one database, driven by concurrent officers,
/// one of them SIGKILLed mid-load (or the only one, then restarted). Afterwards every acknowledged command is in its
/// stream, no event is doubled, every stream's versions run 1..n, every timer took effect exactly once, the survivor
/// took over projections and timers, and the async read models equal a rebuild from the events.
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_nodes_die_under_load(AppFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Schema = "nodes_test";
    private const string Procedure = "1.004194";
    private const string Centre = "057.01.90.H48";
    private const int Officers = 8;

    // Both nodes share the clock the in-process host uses: a working Monday morning, whatever the hour of the run.
    private readonly ApiNode.Settings _nodes = new(Schema, ShiftedClock.MondayMorning - DateTimeOffset.UtcNow);
    private readonly ConcurrentBag<Acknowledged> _acknowledged = [];
    private readonly ConcurrentBag<Guid> _accepted = [];

    private sealed record Acknowledged(Guid Dossier, long Version, string Command, string Node);

    private NpgsqlDataSource Database => fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();

    public async Task InitializeAsync()
    {
        await Database.Execute($"drop schema if exists {Schema} cascade");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task two_balanced_nodes_one_killed_lose_nothing_and_the_survivor_takes_over()
    {
        await using var a = await ApiNode.Start("A", _nodes);
        await using var b = await ApiNode.Start("B", _nodes);
        await PublishTinyProcedure(a);
        var load = Load(a, b);

        var (killed, atKill) = await KillUnderLoad(load, a);
        await UntilAcknowledged(atKill + 60);   // the survivor carries on
        await load.Stop();

        var takeover = await ProjectedOn(b, killed);
        Report($"two nodes: {_acknowledged.Count} commands acknowledged ({atKill} before the kill); " +
               $"the survivor's projections showed a new dossier {takeover.TotalSeconds:0.0} s after the kill");
        await EverythingHolds(b);
    }

    [Fact]
    public async Task the_only_node_killed_and_restarted_loses_nothing()
    {
        var first = await ApiNode.Start("A", _nodes);
        await PublishTinyProcedure(first);
        var load = Load(first);

        var (killed, atKill) = await KillUnderLoad(load, first);
        await first.DisposeAsync();
        await using var restarted = await ApiNode.Start("A2", _nodes);
        var upAgain = killed.Elapsed;
        load.Alive[restarted.Name] = restarted;
        await UntilAcknowledged(atKill + 60);
        await load.Stop();

        var takeover = await ProjectedOn(restarted, killed);
        Report($"one node: {_acknowledged.Count} commands acknowledged ({atKill} before the kill); restarted and healthy " +
               $"{upAgain.TotalSeconds:0.0} s after the kill, its projections showed a new dossier after {takeover.TotalSeconds:0.0} s");
        await EverythingHolds(restarted);
    }

    /// <summary>The officers at work on the live nodes until <see cref="Stop"/>.</summary>
    private sealed record Running(ConcurrentDictionary<string, ApiNode> Alive, CancellationTokenSource Stopping, Task[] Officers)
    {
        public async Task Stop()
        {
            await Stopping.CancelAsync();
            await Task.WhenAll(Officers);
            Stopping.Dispose();
        }
    }

    private Running Load(params ApiNode[] nodes)
    {
        var alive = new ConcurrentDictionary<string, ApiNode>(nodes.ToDictionary(n => n.Name));
        var stopping = new CancellationTokenSource();
        return new Running(alive, stopping, [.. Enumerable.Range(0, Officers).Select(i => Drive(i, alive, stopping.Token))]);
    }

    /// <summary>Once the officers have had 60 more commands acknowledged, SIGKILLs <paramref name="node"/> under them.</summary>
    private async Task<(Stopwatch Killed, int AtKill)> KillUnderLoad(Running load, ApiNode node)
    {
        await UntilAcknowledged(_acknowledged.Count + 60);
        var killed = Stopwatch.StartNew();
        load.Alive.TryRemove(node.Name, out _);
        node.Kill();
        return (killed, _acknowledged.Count);
    }

    // The measured failover goes to the test's output and to the run's console, where ./test.sh shows it.
    private void Report(string line)
    {
        output.WriteLine(line);
        Console.WriteLine($"[nodes] {line}");
    }

    /// <summary>
    /// One officer: submits, accepts and acknowledges the first step of dossier after dossier, each command on a node
    /// taken in turn among the live ones, so the state a node remembered from its own last command on a dossier has
    /// usually been moved on by the other node (RecentDossierStates must notice: the stored documents are checked against
    /// a rebuild at the end). A command the node did not answer 2xx is not acknowledged and not counted;
    /// the officer goes on with a new dossier.
    /// </summary>
    private async Task Drive(int officer, ConcurrentDictionary<string, ApiNode> alive, CancellationToken stop)
    {
        var turn = officer;
        ApiNode Next()
        {
            var nodes = alive.Values.OrderBy(n => n.Name).ToList();
            return nodes.Count == 0 ? Unreachable : nodes[turn++ % nodes.Count];
        }
        var desk = Token(Roles.Desk, Centre, $"desk-{officer}");
        while (!stop.IsCancellationRequested)
        {
            if (alive.IsEmpty)
            {
                await Task.Delay(100);   // the only node is restarting: an officer waits rather than spins
                continue;
            }
            var submitted = await Send(Next(), HttpMethod.Post, "/api/dossiers", desk, Scenarios.SubmitRequest(Procedure), "submit");
            if (submitted is null) continue;
            var accepted = await Send(Next(), HttpMethod.Post, $"/api/dossiers/{submitted.Id}/accept", desk, null, "accept");
            if (accepted is null) continue;
            _accepted.Add(accepted.Id);
            var task = accepted.Tasks[0];
            await Send(Next(), HttpMethod.Post, $"/api/dossiers/{accepted.Id}/tasks/{task.TaskId}/acknowledge",
                Token(Roles.Officer, task.Agency, $"officer-{officer}"), null, "acknowledge");
        }
    }

    // While no node is up (the only one is restarting) officers knock at a closed door: a port nobody listens on.
    private static readonly ApiNode Unreachable = ApiNode.Nowhere();

    private async Task<DossierView?> Send(ApiNode node, HttpMethod method, string url, string token, object? body, string command)
    {
        try
        {
            using var answer = await node.Send(method, url, token, body is null ? null : JsonContent.Create(body));
            if (!answer.IsSuccessStatusCode) return null;
            var view = (await answer.Content.ReadFromJsonAsync<DossierView>(Json))!;
            _acknowledged.Add(new Acknowledged(view.Id, view.Version, command, node.Name));
            return view;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return null;   // the node died under the request: nothing was acknowledged
        }
    }

    private async Task UntilAcknowledged(int count) => await Eventually.Get(
        () => Task.FromResult(_acknowledged.Count >= count ? "" : null), TimeSpan.FromSeconds(60), $"{count} acknowledged commands");

    /// <summary>Time from the kill until a dossier accepted on <paramref name="node"/> shows in its asynchronous SLA view.</summary>
    private async Task<TimeSpan> ProjectedOn(ApiNode node, Stopwatch sinceKill)
    {
        var desk = Token(Roles.Desk, Centre, "desk-probe");
        var submitted = (await Send(node, HttpMethod.Post, "/api/dossiers", desk, Scenarios.SubmitRequest(Procedure), "submit"))!;
        (await Send(node, HttpMethod.Post, $"/api/dossiers/{submitted.Id}/accept", desk, null, "accept")).ShouldNotBeNull();
        _accepted.Add(submitted.Id);
        await Eventually.Get(async () =>
        {
            using var answer = await node.Send(HttpMethod.Get, $"/api/dossiers/{submitted.Id}/sla", Token(Roles.Auditor, null, "auditor"));
            return answer.StatusCode == HttpStatusCode.OK && (await answer.Content.ReadAsStringAsync()).Contains("\"acceptedAt\":\"") ? "" : null;
        }, TimeSpan.FromSeconds(90), "the survivor's SLA projection");
        return sinceKill.Elapsed;
    }

    private async Task EverythingHolds(ApiNode survivor)
    {
        var acknowledged = _acknowledged.ToList();
        acknowledged.Count.ShouldBeGreaterThan(120);

        // Every acknowledged command is in its stream: the stream reached at least the version the answer showed.
        var versions = await Database.Rows($"select id, version from {Schema}.mt_streams", r => (r.GetGuid(0), r.GetInt64(1)));
        var reached = versions.ToDictionary(v => v.Item1, v => v.Item2);
        acknowledged.Where(a => !reached.TryGetValue(a.Dossier, out var v) || v < a.Version)
            .Select(a => $"{a.Command} on {a.Node}: {a.Dossier} v{a.Version}").ShouldBeEmpty("acknowledged but lost");

        // No event twice, and every stream's versions run 1..n with nothing missing (Marten's own tombstones aside).
        (await Database.Rows($"select count(*) - count(distinct id) from {Schema}.mt_events", r => r.GetInt64(0))).Single().ShouldBe(0);
        (await Database.Rows($"select stream_id from {Schema}.mt_events where stream_id <> '{Dossiers.Projections.Audit.ChainVerifier.TombstoneStream}' " +
                    "group by stream_id having min(version) <> 1 or max(version) <> count(*) or count(distinct version) <> count(*)",
            r => r.GetGuid(0))).ShouldBeEmpty("streams with gaps or repeated versions");

        // Each accepted dossier's timers: its first step and the dossier itself overdue, each recorded exactly once.
        var accepted = _accepted.Distinct().ToArray();
        var overdue = await Eventually.Get(async () =>
        {
            var counts = await Database.Rows($"select stream_id, type, count(*) from {Schema}.mt_events where type in ('task_overdue', 'dossier_overdue') " +
                                    "group by stream_id, type", r => (Stream: r.GetGuid(0), Type: r.GetString(1), Count: r.GetInt64(2)));
            return accepted.All(id => counts.Any(c => c.Stream == id && c.Type == "dossier_overdue")) ? counts : null;
        }, TimeSpan.FromSeconds(90), "every accepted dossier's timers");
        overdue.Where(c => c.Count != 1).Select(c => $"{c.Stream} {c.Type} × {c.Count}").ShouldBeEmpty("timers that took effect twice");
        accepted.Where(id => !overdue.Any(c => c.Stream == id && c.Type == "task_overdue")).ShouldBeEmpty("steps whose timer never fired");

        // The asynchronous read models, once caught up, are what a rebuild from the events makes.
        await Eventually.Get(async () => (await Database.Rows(
            $"select (select coalesce(max(seq_id), 0) from {Schema}.mt_events) - coalesce(min(last_seq_id), 0) from {Schema}.mt_event_progression " +
            "where name like '%:%'", r => r.GetInt64(0))).Single() <= 0 ? "" : null, TimeSpan.FromSeconds(60), "projections caught up");
        var live = await ReadModels();
        await survivor.DisposeAsync();
        (await Rebuild()).ShouldBe(0);
        var rebuilt = await ReadModels();
        rebuilt.Count.ShouldBe(live.Count);
        rebuilt.Where(r => live.GetValueOrDefault(r.Key) != r.Value).Select(r => r.Key).ShouldBeEmpty("read models that differ from a rebuild");
    }

    private async Task<Dictionary<string, string>> ReadModels()
    {
        var models = new Dictionary<string, string>();
        foreach (var table in new[] { "mt_doc_dossiersla", "mt_doc_dossierfile", "mt_doc_inboxitem", "mt_doc_handoffrow", "mt_doc_dossier" })
            foreach (var (id, data) in await Database.Rows($"select id::text, data::text from {Schema}.{table}", r => (r.GetString(0), r.GetString(1))))
                models[$"{table}/{id}"] = data;
        return models;
    }

    /// <summary>The product's own <c>rebuild</c> verb, as an operator runs it, on the nodes' schema.</summary>
    private async Task<int> Rebuild()
    {
        var (exitCode, printed) = await ApiNode.Run(_nodes, "rebuild");
        output.WriteLine(printed.Trim());
        return exitCode;
    }

    /// <summary>The temporary-residence procedure with budgets of seconds, published through the API for these nodes.</summary>
    private async Task PublishTinyProcedure(ApiNode node)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "1.004194-tam-tru.v1.json")))!.AsObject();
        json["version"] = 40;
        json["customProperties"]!["procedure"]!["legalTime"] = new JsonObject { ["amount"] = 0.004m, ["unit"] = "WorkingHours" };
        foreach (var activity in json["root"]!["activities"]!.AsArray())
            if (activity!["type"]!.GetValue<string>() is "Dossier.Task" or "Dossier.Intake")
                activity.AsObject()["budget"] = new JsonObject { ["amount"] = 0.0008m, ["unit"] = "WorkingHours" };
        foreach (var (role, url, body) in new[]
                 {
                     (Roles.Integrator, "/api/workflows", json.ToJsonString()),
                     (Roles.Controller, "/api/workflows/1.004194-tam-tru/40/approve", "{}"),
                 })
        {
            using var answer = await node.Send(HttpMethod.Post, url, Token(role, null, $"{role}-nodes"),
                new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            answer.IsSuccessStatusCode.ShouldBeTrue(await answer.Content.ReadAsStringAsync());
        }
    }

    private string Token(string role, string? agency, string user) => fixture.Token(role, agency, user);

    private static readonly JsonSerializerOptions Json = JsonDefaults();

    private static JsonSerializerOptions JsonDefaults()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Dossiers.Api.Hosting.DossierStore.ConfigureJson(json);
        return json;
    }
}
