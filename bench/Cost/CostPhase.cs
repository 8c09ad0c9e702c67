using System.Diagnostics;
using System.Text;
using Dossiers.Bench.Load;
using Dossiers.Engine.Workflows;
using Npgsql;

namespace Dossiers.Bench.Cost;

/// <param name="Statements">pg_stat_statements: every statement the database ran while the N commands ran (all sessions,
/// so the async daemon's work on their events is in it), minus the idle background of that time, ÷ N.</param>
/// <param name="RequestStatements">Statements on the wire inside the commands' HTTP windows, background excluded, ÷ N.</param>
/// <param name="RoundTrips">Waits for the server inside the windows (pipelined exchanges share one), background excluded, ÷ N.</param>
/// <param name="Connections">Distinct server connections those round trips used, ÷ N.</param>
/// <param name="ConnectionsOpened">New physical connections opened inside the windows, ÷ N.</param>
/// <param name="BackgroundRoundTrips">Round trips inside the windows recognised as the daemon's or Wolverine's agents', ÷ N.</param>
public sealed record CommandCost(string Command, int Samples, double? Statements, double RequestStatements, double RoundTrips,
    double Connections, double ConnectionsOpened, double BackgroundRoundTrips, double MedianMs, int Errors);

/// <param name="PreparationErrors">Failed commands while walking dossiers to where a kind is due (not measured, still errors).</param>
public sealed record CostResult(IReadOnlyList<CommandCost> Commands, double IdleStatementsPerSecond, bool StatementsAvailable,
    int PreparationErrors, IReadOnlyList<string> ErrorSamples)
{
    public int Errors => Commands.Sum(c => c.Errors) + PreparationErrors;
}

/// <summary>
/// What one command of each kind costs the database, single client, API warm: for each kind, N dossiers are first
/// walked (unmeasured) to where that command is due, then the N commands run one after another. Statements come from
/// pg_stat_statements (reset before, summed after); round trips, statements on the request path and connections come
/// from the wire (<see cref="WireProxy"/>), counted inside each command's HTTP window.
/// </summary>
public sealed class CostPhase(ApiClient api, Tokens tokens, Procedures procedures, NpgsqlDataSource database, WireProxy proxy, string logPath)
{
    /// <summary>
    /// SQL that only the async daemon or Wolverine's durability agents send (progress, high-water mark, event pages by
    /// sequence, async projection documents, node bookkeeping, polling of due messages). A round trip carrying any of
    /// them is background, even inside a command's window; the cost log lists both sides for checking.
    /// </summary>
    private static readonly string[] BackgroundMarkers =
    [
        "mt_event_progression", "mt_high_water", "mt_mark_event_progression", "mt_mark_progression_with_skip",
        "seq_id >", "seq_id >=", "mt_doc_dossiersla", "mt_doc_inboxitem", "mt_doc_handoffrow", "mt_event_projection_floors",
        "wolverine_nodes", "wolverine_node_assignments", "wolverine_node_records", "wolverine_agent_restrictions",
        "wolverine_control_queue", "wolverine_dead_letters", "pg_try_advisory", "pg_advisory_unlock", "execution_time <=",
        "LISTEN ", "pg_listening_channels", "highest_sequence", "reltuples", "pg_relation_size", "wolverine_outgoing_envelopes",
    ];

    private readonly List<string> _errors = [];
    private int _preparationErrors;
    private readonly StringBuilder _log = new();

    public async Task<CostResult> Run(int samples)
    {
        var statementsOn = await EnableStatements();
        var idle = statementsOn ? await IdleRate() : 0;
        var costs = new List<CommandCost>();
        foreach (var kind in Kinds)
        {
            var cost = await Measure(kind, samples, statementsOn, idle);
            costs.Add(cost);
            Console.WriteLine($"  {cost.Command,-20} {cost.Statements?.ToString("0.0") ?? "–",6} statements, {cost.RequestStatements,5:0.0} on the request path " +
                              $"in {cost.RoundTrips:0.0} round trips over {cost.Connections:0.0} connections ({cost.Samples} runs, {cost.Errors} errors)");
        }
        await File.WriteAllTextAsync(logPath, _log.ToString());
        return new CostResult(costs, Math.Round(idle, 2), statementsOn, _preparationErrors, [.. _errors.Take(10)]);
    }

    /// <param name="AfterAStep">Due only once the dossier has completed a step (as in the load's scenario).</param>
    /// <param name="Lead">Another kind to reach and do first, unmeasured (a supplement follows its request).</param>
    private sealed record Kind(string Name, Func<Dossier, bool> Due, Func<Dossier, Task<ApiClient.Answer>> Act, bool AfterAStep = false, string? Lead = null);

    private sealed class Dossier(WorkflowDefinition workflow, string desk)
    {
        public WorkflowDefinition Workflow { get; } = workflow;
        public string Desk { get; } = desk;
        public BenchView? View { get; set; }
        public int StepsDone { get; set; }
        public BenchTask? Task => View is { Tasks.Count: > 0 } v ? v.Tasks[0] : null;
        public bool Open => View is { IsFinished: false } v && v.Status is not ("resolved" or "awaitingPayment") && Task is not null;
    }

    private IEnumerable<Kind> Kinds =>
    [
        new("submit", d => d.View is null, d => api.Send(HttpMethod.Post, "/api/dossiers", d.Desk, DossierScenario.SubmitBody(d.Workflow, new Random(1)), null)),
        new("accept", d => d.View is { Status: "submitted" }, d => Post(d, $"/api/dossiers/{d.View!.Id}/accept", d.Desk, null)),
        new("GET dossier", d => d.Open, d => api.Send(HttpMethod.Get, $"/api/dossiers/{d.View!.Id}", Officer(d), null, null)),
        new("acknowledge", d => d.Open && d.Task!.AwaitsAcknowledgement,
            d => Post(d, $"/api/dossiers/{d.View!.Id}/tasks/{d.Task!.TaskId}/acknowledge", Officer(d), null)),
        new("complete", d => d.Open && !d.Task!.AwaitsAcknowledgement,
            d => Post(d, $"/api/dossiers/{d.View!.Id}/tasks/{d.Task!.TaskId}/complete", Officer(d),
                new { outcome = procedures.OutcomeFor(d.Workflow, d.Task.ActivityId), note = "Đã xử lý" })),
        new("supplement request", d => d.Open, d => Post(d, $"/api/dossiers/{d.View!.Id}/supplement-requests", Officer(d),
            new { items = new[] { "Bản sao giấy khai sinh có chứng thực" }, reason = "Thiếu giấy tờ theo quy định" }), AfterAStep: true),
        new("supplement", d => d.View is { Status: "awaitingSupplement" },
            d => Post(d, $"/api/dossiers/{d.View!.Id}/supplements", d.Desk, new { note = "Đã nhận bổ sung" }), Lead: "supplement request"),
        new("payment", d => d.View is { Status: "awaitingPayment" }, d => Post(d, $"/api/dossiers/{d.View!.Id}/payments", d.Desk, new { note = "Đã nộp thuế, lệ phí" })),
        new("apology", d => d.Open && d.View!.DueAt is not null, d => Post(d, $"/api/dossiers/{d.View!.Id}/apologies", Officer(d),
            new { reason = "Cần thêm thời gian xác minh", newDueAt = procedures.NewAppointment(d.View.DueAt!.Value) })),
        new("return", d => d.View is { Status: "resolved" }, d => Post(d, $"/api/dossiers/{d.View!.Id}/return", d.Desk, new { note = "Trả kết quả" })),
    ];

    private string Officer(Dossier d) => tokens.For("officer", d.Task!.Agency, "officer-cost");

    private async Task<ApiClient.Answer> Post(Dossier d, string path, string token, object? body)
    {
        var answer = await api.Send(HttpMethod.Post, path, token, body, null);
        if (answer.Ok) d.View = answer.View;
        return answer;
    }

    private async Task<CommandCost> Measure(Kind kind, int samples, bool statementsOn, double idle)
    {
        // One more than measured: the first runs unmeasured, so an endpoint's first call (code generation, a document
        // type's first use) is not counted.
        var ready = new List<Dossier>();
        var workflows = WorkflowsToTry().ToList();
        var pick = 0;
        for (var attempts = 0; ready.Count < samples + 1 && attempts < samples * 4; attempts++)
        {
            var workflow = workflows[pick % workflows.Count];
            var dossier = await Prepare(kind, workflow);
            if (dossier is not null) ready.Add(dossier);
            else pick++;   // this procedure never gets there (no payment, say): try the next one
        }
        if (ready.Count < 2)
        {
            _errors.Add($"{kind.Name}: no dossier reached the point where it is due");
            return new CommandCost(kind.Name, 0, null, 0, 0, 0, 0, 0, double.NaN, 1);
        }
        var first = await kind.Act(ready[0]);
        if (!first.Ok && !(kind.Name == "apology" && (int)first.Status == 409))
        {
            _preparationErrors++;
            if (_errors.Count < 10) _errors.Add(first.Describe($"{kind.Name} (unmeasured first run)"));
        }
        ready.RemoveAt(0);

        await Task.Delay(400);   // let the daemon and the outbox finish the preparation's work
        if (statementsOn) await Scalar("select pg_stat_statements_reset()");
        var firstExchange = proxy.Exchanges.Count;
        var started = Stopwatch.GetTimestamp();
        var windows = new List<(long From, long To)>();
        var millis = new List<double>();
        var errors = 0;
        foreach (var dossier in ready)
        {
            var from = Stopwatch.GetTimestamp();
            var answer = await kind.Act(dossier);
            var to = Stopwatch.GetTimestamp();
            windows.Add((from, to));
            millis.Add(Stopwatch.GetElapsedTime(from, to).TotalMilliseconds);
            if (answer.Ok) { if (kind.Name == "submit") dossier.View = answer.View; continue; }
            if (kind.Name == "apology" && (int)answer.Status == 409) continue;   // "too late": the rule, not an error
            errors++;
            if (_errors.Count < 10) _errors.Add(answer.Describe(kind.Name));
        }
        double? statements = null;
        if (statementsOn)
        {
            var total = Convert.ToDouble(await Scalar(
                "select coalesce(sum(calls), 0) from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) " +
                "and query not ilike '%pg_stat_statements%'"));
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            statements = Math.Round(Math.Max(0, total - idle * seconds) / ready.Count, 1);
        }

        var exchanges = proxy.Exchanges.Skip(firstExchange).ToList();
        var background = BackgroundExchanges(exchanges);
        var opens = proxy.ConnectionOpens;
        int roundTrips = 0, requestStatements = 0, backgroundTrips = 0, connections = 0, opened = 0;
        _log.AppendLine($"=== {kind.Name} ({ready.Count} runs, {ready[0].Workflow.Procedure.Code})");
        for (var i = 0; i < windows.Count; i++)
        {
            var (from, to) = windows[i];
            var inside = exchanges.Where(e => e.Timestamp >= from && e.Timestamp <= to).ToList();
            var path = inside.Where(e => !background.Contains(e)).ToList();
            roundTrips += path.Select(e => e.RoundTrip).Distinct().Count();
            requestStatements += path.Sum(e => e.Statements.Count);
            backgroundTrips += inside.Where(background.Contains).Select(e => e.RoundTrip).Distinct().Count();
            connections += path.Select(e => e.Connection).Distinct().Count();
            opened += opens.Count(o => o >= from && o <= to);
            if (i < 2)   // two samples of each kind, every statement, for checking the classification by eye
            {
                _log.AppendLine($"--- run {i + 1}: {millis[i]:0.0} ms");
                foreach (var trip in inside.GroupBy(e => e.RoundTrip))
                    _log.AppendLine($"  [{(background.Contains(trip.First()) ? "background" : "request")}] conn {trip.First().Connection} " +
                                    $"+{Stopwatch.GetElapsedTime(from, trip.First().Timestamp).TotalMilliseconds:0.00} ms: " +
                                    string.Join(" | ", trip.SelectMany(e => e.Statements).Select(Shorten)));
            }
        }
        var n = (double)ready.Count;
        return new CommandCost(kind.Name, ready.Count, statements, Math.Round(requestStatements / n, 1), Math.Round(roundTrips / n, 1),
            Math.Round(connections / n, 1), Math.Round(opened / n, 2), Math.Round(backgroundTrips / n, 1), Stats.Round(Stats.Percentile(millis, 50)), errors);
    }

    /// <summary>
    /// The exchanges that belong to background work. Each connection's exchanges are cut into units of work: a unit
    /// starts with an exchange sent outside a transaction that is not pipelined behind the previous one, and runs
    /// through its transaction's COMMIT. A unit with any background statement is background as a whole (its BEGIN,
    /// COMMIT and pool reset included).
    /// </summary>
    private static HashSet<Exchange> BackgroundExchanges(List<Exchange> exchanges)
    {
        var background = new HashSet<Exchange>();
        foreach (var connection in exchanges.GroupBy(e => e.Connection))
        {
            var unit = new List<Exchange>();
            void Close()
            {
                if (unit.Any(e => e.Statements.Any(s => BackgroundMarkers.Any(m => s.Contains(m, StringComparison.OrdinalIgnoreCase)))))
                    background.UnionWith(unit);
                unit.Clear();
            }
            foreach (var exchange in connection)
            {
                if (unit.Count > 0 && !exchange.InTransaction && exchange.RoundTrip != unit[^1].RoundTrip) Close();
                unit.Add(exchange);
            }
            Close();
        }
        return background;
    }

    private static string Shorten(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 160 ? flat : flat[..160] + "…";
    }

    /// <summary>The probe's procedure first (steps handed over, so acknowledgements), then the others.</summary>
    private IEnumerable<WorkflowDefinition> WorkflowsToTry() =>
        procedures.Latest.OrderBy(w => w.Procedure.Code == "1.004222" ? 0 : 1).ThenBy(w => w.Procedure.Code, StringComparer.Ordinal);

    /// <summary>Walks a fresh dossier the way the load does until <paramref name="kind"/> is due; null when it never is.</summary>
    private async Task<Dossier?> Prepare(Kind kind, WorkflowDefinition workflow)
    {
        if (kind.Lead is { } leadName)
        {
            var lead = Kinds.First(k => k.Name == leadName);
            var led = await Prepare(lead, workflow);
            if (led is null) return null;
            var answer = await lead.Act(led);
            if (!answer.Ok)
            {
                _preparationErrors++;
                if (_errors.Count < 10) _errors.Add(answer.Describe($"preparing {kind.Name}"));
                return null;
            }
            return kind.Due(led) ? led : null;
        }
        var dossier = new Dossier(workflow, tokens.For("desk", Procedures.IntakeAgency(workflow), "desk-cost"));
        for (var step = 0; step < 60; step++)
        {
            if (kind.Due(dossier) && (!kind.AfterAStep || dossier.StepsDone >= 1)) return dossier;
            var view = dossier.View;
            ApiClient.Answer answer;
            if (view is null)
            {
                answer = await api.Send(HttpMethod.Post, "/api/dossiers", dossier.Desk, DossierScenario.SubmitBody(workflow, new Random(step)), null);
                if (answer.Ok) dossier.View = answer.View;
            }
            else if (view.IsFinished) return null;
            else if (view.Status == "submitted")
                answer = await Post(dossier, $"/api/dossiers/{view.Id}/accept", dossier.Desk, null);
            else if (view.Status == "resolved") answer = await Post(dossier, $"/api/dossiers/{view.Id}/return", dossier.Desk, new { note = "Trả kết quả" });
            else if (view.Status == "awaitingPayment") answer = await Post(dossier, $"/api/dossiers/{view.Id}/payments", dossier.Desk, new { note = "Đã nộp" });
            else if (dossier.Task is { AwaitsAcknowledgement: true } ack)
                answer = await Post(dossier, $"/api/dossiers/{view.Id}/tasks/{ack.TaskId}/acknowledge", Officer(dossier), null);
            else if (dossier.Task is { } task)
            {
                answer = await Post(dossier, $"/api/dossiers/{view.Id}/tasks/{task.TaskId}/complete", Officer(dossier),
                    new { outcome = procedures.OutcomeFor(workflow, task.ActivityId), note = "Đã xử lý" });
                dossier.StepsDone++;
            }
            else return null;
            if (!answer.Ok)
            {
                _preparationErrors++;
                if (_errors.Count < 10) _errors.Add(answer.Describe($"preparing {kind.Name}"));
                return null;
            }
        }
        return null;
    }

    private async Task<bool> EnableStatements()
    {
        try
        {
            await Scalar("create extension if not exists pg_stat_statements with schema public");
            await Scalar("select count(*) from pg_stat_statements");
            return true;
        }
        catch (PostgresException e)
        {
            Console.WriteLine($"  pg_stat_statements unavailable ({e.MessageText}): statements are counted on the wire only");
            return false;
        }
    }

    /// <summary>Statements per second with no command running (the agents' polling), subtracted from each kind's count.</summary>
    private async Task<double> IdleRate()
    {
        await Task.Delay(500);
        await Scalar("select pg_stat_statements_reset()");
        var watch = Stopwatch.StartNew();
        await Task.Delay(3000);
        var total = Convert.ToDouble(await Scalar(
            "select coalesce(sum(calls), 0) from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database()) " +
            "and query not ilike '%pg_stat_statements%'"));
        return total / watch.Elapsed.TotalSeconds;
    }

    private async Task<object?> Scalar(string sql)
    {
        await using var command = database.CreateCommand(sql);
        return await command.ExecuteScalarAsync();
    }
}
