using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Dossiers.Bench.Report;

/// <summary>bench/results/&lt;UTC timestamp&gt;.json with every number, and latest.md with the key ones.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ResultsFolder(string repoRoot) => Path.Combine(repoRoot, "bench", "results");

    /// <summary>The newest earlier report of the same mode, to say whether two runs agree.</summary>
    public static BenchReport? Previous(string repoRoot, string mode) =>
        Directory.EnumerateFiles(ResultsFolder(repoRoot), "*.json").Order(StringComparer.Ordinal).Reverse()
            .Select(f => { try { return JsonSerializer.Deserialize<BenchReport>(File.ReadAllText(f), Json); } catch (JsonException) { return null; } })
            .FirstOrDefault(r => r?.Mode == mode);

    public static (string Json, string Markdown) Write(BenchReport report, string repoRoot)
    {
        var folder = ResultsFolder(repoRoot);
        Directory.CreateDirectory(folder);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var jsonPath = Path.Combine(folder, $"{stamp}.json");
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(report, Json));
        var markdown = Markdown(report, Path.GetFileName(jsonPath));
        File.WriteAllText(Path.Combine(folder, "latest.md"), markdown);
        return (jsonPath, markdown);
    }

    private static string Markdown(BenchReport r, string jsonFile)
    {
        var m = r.Machine;
        var md = new StringBuilder();
        md.AppendLine($"# Benchmark {r.Mode} run, {m.StartedUtc[..19]}Z (commit {m.GitCommit}){(r.Passed ? "" : " — FAILED")}");
        md.AppendLine();
        md.AppendLine($"{m.Cores} cores, {m.RamGiB} GiB, {m.Os}, {m.DotNet}, PostgreSQL {m.PostgreSql}. Load {r.LoadSecondsPerPhase} s and raw " +
                      $"{r.RawSecondsPerPhase} s per concurrency. Whole run {r.TotalSeconds:0} s. All numbers: `{jsonFile}`.");
        md.AppendLine();
        if (r.Targets is { Count: > 0 })
        {
            md.AppendLine($"## Targets (issue 13){(r.Mode == "quick" ? ": a quick run fails only on errors" : "")}");
            md.AppendLine();
            md.AppendLine("| target | measured | result |");
            md.AppendLine("|---|---|---|");
            foreach (var t in r.Targets)
                md.AppendLine($"| {t.Target} | {t.Measured} | {(t.Met switch { true => "met", false => t.Enforced ? "**missed**" : "missed (not enforced in a quick run)", null => "not measured" })} |");
            md.AppendLine();
        }
        md.AppendLine("## Load over HTTP, against the raw PostgreSQL limit and the floor");
        md.AppendLine();
        if (r.WarmUp is { } w)
        {
            md.AppendLine($"Warm-up (4 officers, unmeasured): {w.Seconds:0} s, {w.Ended}; commands/s per {w.WindowSeconds:0} s window: " +
                          $"{string.Join(", ", w.CommandsPerSecond.Select(c => c.ToString("0")))}" +
                          (w.JitPercent is { Count: > 0 } jit ? $"; the JIT's share of a core per window, %: {string.Join(", ", jit.Select(j => j.ToString("0.0")))}." : "."));
            md.AppendLine();
        }
        md.AppendLine("| officers | commands/s | p50 ms | p95 ms | p99 ms | reads/s | events/s | events/cmd | errors | dossiers done | lag p50 / p95 / p99 / max ms | raw tx/s | ours ÷ raw (cmd) | ours ÷ raw (events) | floor tx/s | ours ÷ floor |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var load in r.Load)
        {
            var c = r.Comparisons.FirstOrDefault(x => x.Clients == load.Clients);
            var l = load.ProjectionLagMs;
            md.AppendLine($"| {load.Clients} | {load.CommandsPerSecond:0.0} | {load.CommandLatencyMs.P50:0.0} | {load.CommandLatencyMs.P95:0.0} | " +
                          $"{load.CommandLatencyMs.P99:0.0} | {load.ReadsPerSecond:0.0} | {load.EventsPerSecond:0} | {load.EventsPerCommand:0.00} | {load.Errors} | " +
                          $"{load.DossiersCompleted} | {l.P50:0} / {l.P95:0} / {l.P99:0} / {l.Max:0} | {c?.RawTransactionsPerSecond:0} | " +
                          $"{c?.CommandRatio:P1} | {c?.EventRatio:P1} | {c?.FloorTransactionsPerSecond:0} | {c?.FloorRatio:P1} |");
        }
        if (r.Load.Any(l => l.Cpu is not null))
        {
            md.AppendLine();
            md.AppendLine("CPU per request (command or read) over each load phase, from /proc: the API process, the bench's own client, and the rest of the machine (PostgreSQL); apart, the time the host took from the machine's cores (steal).");
            md.AppendLine();
            md.AppendLine("| officers | API ms | bench ms | PostgreSQL and rest ms | total ms | stolen by the host ms |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|");
            foreach (var load in r.Load.Where(l => l.Cpu is not null))
                md.AppendLine($"| {load.Clients} | {load.Cpu!.ApiMs:0.000} | {load.Cpu.BenchMs:0.000} | {load.Cpu.RestMs:0.000} | {load.Cpu.TotalMs:0.000} | {load.Cpu.StealMs:0.000} |");
        }
        if (r.Load.LastOrDefault() is { CommandLatencyByKindMs.Count: > 0 } busiest)
        {
            md.AppendLine();
            md.AppendLine($"Latency by command with {busiest.Clients} officers (a tail that one kind of command makes shows here):");
            md.AppendLine();
            md.AppendLine("| command | count | p50 ms | p95 ms | p99 ms | max ms |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var (kind, l) in busiest.CommandLatencyByKindMs!.OrderByDescending(k => k.Value.Count))
                md.AppendLine($"| {kind} | {l.Count} | {l.P50:0.0} | {l.P95:0.0} | {l.P99:0.0} | {l.Max:0.0} |");
        }
        if (r.Load.LastOrDefault() is { Statements.Count: > 0 } measured)
        {
            md.AppendLine();
            md.AppendLine($"PostgreSQL's time by statement with {measured.Clients} officers (pg_stat_statements over the phase, the API and the projection " +
                          "daemon alike, the raw slices and BEGIN/COMMIT left out), per command:");
            md.AppendLine();
            md.AppendLine("| statement | calls | ms | mean ms |");
            md.AppendLine("|---|---:|---:|---:|");
            foreach (var s in measured.Statements!)
                md.AppendLine($"| `{s.Statement.Replace("|", "\\|")}` | {s.CallsPerCommand:0.00} | {s.MsPerCommand:0.000} | {s.MeanMs:0.000} |");
        }
        foreach (var load in r.Load.Where(l => l.Errors > 0))
            md.AppendLine($"\nErrors with {load.Clients} officers: {string.Join(", ", load.ErrorKinds.OrderByDescending(k => k.Value).Select(k => $"{k.Value} × {k.Key}"))}.");
        md.AppendLine();
        md.AppendLine($"Extras done over all phases: {r.Load.Sum(l => l.Supplements)} supplements, {r.Load.Sum(l => l.Apologies)} apologies " +
                      $"({r.Load.Sum(l => l.ApologiesTooLate)} refused as too late, not errors), {r.Load.Sum(l => l.DossiersWithdrawn)} withdrawals, " +
                      $"{r.Load.Sum(l => l.Payments)} payments. Lag: async DossierSla projection, command answered → visible on GET /api/dossiers/{{id}}/sla.");
        md.AppendLine();
        md.AppendLine($"Raw baseline: {r.RowShape.RowsPerTransaction} INSERT(s) per transaction of ~{r.RowShape.DataChars} chars of data and " +
                      $"~{r.RowShape.HeadersChars} chars of headers (our measured averages), pooled Npgsql, same concurrency. " +
                      $"Measured in slices before, between and after the parts of each load phase, tx/s: " +
                      $"{string.Join("; ", r.Raw.Select(x => $"{x.Clients} clients {string.Join(", ", (x.SlicesPerSecond ?? []).Select(t => t.ToString("0")))}"))}.");
        if (r.FloorShape is { } fs && r.Floor is { Count: > 0 })
        {
            md.AppendLine();
            md.AppendLine($"Floor: per transaction one pooled connection (no reset on return), 2 round trips: (1) the dossier document (~{fs.DossierChars} chars) with its " +
                          $"stream version and chain head; (2) BEGIN, `mt_quick_append_events` of {fs.EventsPerTransaction} event(s) (~{fs.EventChars} + " +
                          $"~{fs.HeadersChars} chars) with the expected version, the Dossier upsert, a timer envelope " +
                          $"(~{fs.TimerBytes} bytes) in {fs.TimersPerCommand:P0} of transactions, COMMIT; API stopped, real `dossiers` tables.");
            md.AppendLine();
            md.AppendLine("| floor clients | tx/s | events/tx | timers | p50 ms | p95 ms | p99 ms | errors |");
            md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var f in r.Floor)
                md.AppendLine($"| {f.Clients} | {f.TransactionsPerSecond:0} | {f.EventsPerTransaction} | {f.Timers} | {f.TransactionLatencyMs.P50:0.00} | " +
                              $"{f.TransactionLatencyMs.P95:0.00} | {f.TransactionLatencyMs.P99:0.00} | {f.Errors} |");
        }
        if (r.Cost is { Commands.Count: > 0 } cost)
        {
            md.AppendLine();
            md.AppendLine("## Cost per command (one client, API warm)");
            md.AppendLine();
            md.AppendLine($"Statements: pg_stat_statements over the N runs of a kind, every session (the async daemon's work on the new events included), " +
                          $"minus the idle background ({cost.IdleStatementsPerSecond:0.0} statements/s), ÷ N. On the request path: counted on the wire " +
                          "inside each command's HTTP window, the daemon's and Wolverine agents' units of work left out; a round trip is a wait for the " +
                          "server (a pool reset or BEGIN pipelined ahead of a command shares its round trip). Both count a pool reset (`DISCARD ALL`) when the pool sends one.");
            md.AppendLine();
            md.AppendLine("| command | runs | statements (all sessions) | statements (request path) | round trips | connections | new connections | median ms | errors |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var k in cost.Commands)
                md.AppendLine($"| {k.Command} | {k.Samples} | {(k.Statements is { } st ? st.ToString("0.0", CultureInfo.InvariantCulture) : "–")} | {k.RequestStatements:0.0} | " +
                              $"{k.RoundTrips:0.0} | {k.Connections:0.0} | {k.ConnectionsOpened:0.00} | {k.MedianMs:0.0} | {k.Errors} |");
        }
        if (r.PortalDrain is { } drain)
        {
            md.AppendLine();
            md.AppendLine("## National-portal sync (issue 17)");
            md.AppendLine();
            md.AppendLine($"An API started with sync on sent the load phases' dossiers to the fake portal (a real HTTP server): **{drain.UpdatesPerSecond:N0} " +
                          $"updates/s** acknowledged over {drain.Seconds:0} s ({drain.Updates:N0} updates, {drain.Logins} login(s), {drain.Duplicates} duplicate(s)). " +
                          "The sender is a subscription of the projection daemon: a command's path is the same with sync on or off.");
        }
        if (r.Seed is { } seed)
        {
            md.AppendLine();
            md.AppendLine("## Large store");
            md.AppendLine();
            md.AppendLine($"Seeded {seed.Events:N0} events in {seed.Streams:N0} dossier streams ({seed.LeftOpen:N0} left open) in {seed.Seconds:0.0} s: " +
                          $"**{seed.EventsPerSecond:N0} events/s** (Marten Quick append, 500 streams per session, 2 sessions in flight).");
            md.AppendLine();
            md.AppendLine($"| projection rebuilt{(r.RebuildAll ? "" : " (representative subset)")} | seconds | events/s |");
            md.AppendLine("|---|---:|---:|");
            foreach (var rebuild in r.Rebuild) md.AppendLine($"| {rebuild.Projection} | {rebuild.Seconds:0.0} | {rebuild.EventsPerSecond:N0} |");
            md.AppendLine();
            md.AppendLine("| query on the large store | requests | p50 ms | p99 ms | items in answer | errors |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|");
            foreach (var q in r.Queries)
                md.AppendLine($"| `{q.Query}` | {q.Requests} | {q.LatencyMs.P50:0.0} | {q.LatencyMs.P99:0.0} | {q.ItemsInAnswer?.ToString() ?? "–"} | {q.Errors} |");
        }
        if (r.AgreementWithPreviousRun.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Agreement with the previous run of the same mode (target: within 20 %)");
            md.AppendLine();
            md.AppendLine("| metric | previous | now | difference |");
            md.AppendLine("|---|---:|---:|---:|");
            foreach (var a in r.AgreementWithPreviousRun) md.AppendLine($"| {a.Metric} | {a.Previous:0.0} | {a.Now:0.0} | {a.DifferencePercent:+0.0;-0.0}% |");
        }
        md.AppendLine();
        md.AppendLine(r.Passed
            ? $"Result: **passed** ({(r.Mode == "quick" ? "no error in any phase; speed targets shown, not enforced" : "every target met")})."
            : $"Result: **failed**: {string.Join("; ", r.Failures)}");
        return md.ToString();
    }
}
