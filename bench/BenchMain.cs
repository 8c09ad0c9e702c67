using System.Diagnostics;
using Dossiers.Bench.Cost;
using Dossiers.Bench.Floor;
using Dossiers.Bench.Load;
using Dossiers.Bench.Raw;
using Dossiers.Bench.Report;
using Dossiers.Bench.Store;
using Dossiers.Engine.Calendars;
using Npgsql;

namespace Dossiers.Bench;

/// <summary>
/// The benchmark of issues 9 and 13, in the order that keeps phases from disturbing each other: load over HTTP (API up,
/// after a warm-up) with the raw PostgreSQL ceiling measured between the parts of each load phase (API idle), the cost per command
/// (an API of its own behind a wire proxy), the floor (API down), then the large store: seed, rebuild (API down), queries (API up again). Last, the targets of
/// issue 13. Run it through ./bench.sh, which gives it a fresh database.
/// </summary>
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args);
        var total = Stopwatch.StartNew();
        await using var database = NpgsqlDataSource.Create(options.ConnectionString);
        using var http = ApiClient.CreateHttp();
        var api = new ApiClient(http, $"http://127.0.0.1:{options.ApiPort}");
        var tokens = new Tokens(ApiProcess.SigningKey);
        var procedures = new Procedures(Path.Combine(options.RepoRoot, "workflows"), Path.Combine(options.RepoRoot, "calendars"));
        var machine = await MachineFacts.Collect(database, options.RepoRoot);
        var mode = options.Quick ? "quick" : "full";
        Console.WriteLine($"Benchmark ({mode}): {machine.Cores} cores, {machine.RamGiB} GiB, {machine.DotNet}, PostgreSQL {machine.PostgreSql}, commit {machine.GitCommit}");

        var (warmUp, loads, shape, raws) = await LoadPhases(options, http, api, tokens, procedures, database);
        var cost = await CostPhase(options, http, api, tokens, procedures, database);
        var (floorShape, floors) = await FloorPhases(options, database, loads);
        var comparisons = loads.Select(l =>
        {
            var r = raws.First(x => x.Clients == l.Clients);
            var f = floors.FirstOrDefault(x => x.Clients == l.Clients);
            return new Comparison(l.Clients, l.CommandsPerSecond, r.TransactionsPerSecond, Math.Round(l.CommandsPerSecond / r.TransactionsPerSecond, 4),
                l.EventsPerSecond, r.RowsPerSecond, Math.Round(l.EventsPerSecond / r.RowsPerSecond, 4),
                f?.TransactionsPerSecond, f is { TransactionsPerSecond: > 0 } ? Math.Round(l.CommandsPerSecond / f.TransactionsPerSecond, 4) : null);
        }).ToList();

        Console.WriteLine("National-portal sync (issue 17): the load phases' dossiers sent to the fake portal...");
        var drain = await Portal.PortalDrainPhase.Run(options, http);

        SeedResult? seed = null;
        IReadOnlyList<RebuildResult> rebuilds = [];
        IReadOnlyList<QueryResult> queries = [];
        if (options.SeedEvents > 0)
        {
            var calendar = WorkingCalendar.Load(Path.Combine(options.RepoRoot, "calendars"));
            Console.WriteLine($"Seeding a large store ({options.SeedEvents:N0} events)...");
            seed = await new StoreSeeder(options.ConnectionString, calendar, procedures).Seed(options.SeedEvents);
            Console.WriteLine($"  {seed.Events:N0} events, {seed.Streams:N0} streams in {seed.Seconds:0.0} s ({seed.EventsPerSecond:N0} events/s)");
            Console.WriteLine($"Rebuilding projections{(options.RebuildAll ? "" : " (representative subset)")}...");
            rebuilds = await ProjectionRebuild.Run(options.ConnectionString, options.RebuildAll);
            Console.WriteLine("Queries on the large store...");
            await using (await ApiProcess.Start(options, "store", http))
                queries = await new QueryPhase(api, tokens).Run(seed.LongStreams, seed.BusiestAgency, options.QuerySamples);
        }

        var targets = Targets.Check(options.Quick, loads, comparisons, raws, floors, cost, queries);
        var failures = Targets.Failures(targets);
        var previous = ReportWriter.Previous(options.RepoRoot, mode);
        var report = new BenchReport(machine, mode, options.LoadDuration.TotalSeconds, options.RawDuration.TotalSeconds, warmUp, loads, cost,
            shape, raws, floorShape, floors, comparisons, seed, rebuilds, options.RebuildAll, queries, Agreement(previous, loads, raws, floors),
            targets, failures, Math.Round(total.Elapsed.TotalSeconds), drain);
        var (jsonPath, markdown) = ReportWriter.Write(report, options.RepoRoot);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Written: {jsonPath} and bench/results/latest.md");
        return report.Passed ? 0 : 1;
    }

    /// <summary>
    /// The warm-up, then for each concurrency the load phase in parts with the raw ceiling measured in slices before,
    /// between and after them (the API idle meanwhile), in the row shape the warm-up's commands produced.
    /// </summary>
    private static async Task<(WarmUpResult, List<LoadResult>, RowShape, List<RawResult>)> LoadPhases(BenchOptions options, HttpClient http,
        ApiClient api, Tokens tokens, Procedures procedures, NpgsqlDataSource database)
    {
        var results = new List<LoadResult>();
        var raws = new List<RawResult>();
        await using var process = await ApiProcess.Start(options, "load", http);
        var phase = new LoadPhase(api, tokens, procedures, database, process.Id);
        var warmUp = await WarmUp(phase, api, options.Quick);
        Console.WriteLine($"Warm-up done in {warmUp.Seconds:0} s ({warmUp.Ended}; commands/s per {warmUp.WindowSeconds:0} s window: " +
                          $"{string.Join(" ", warmUp.CommandsPerSecond.Select(c => c.ToString("0")))}; JIT % of a core: " +
                          $"{string.Join(" ", (warmUp.JitPercent ?? []).Select(j => j.ToString("0.0")))}; {warmUp.Errors} errors)");
        var shape = await RawBaseline.MeasureShape(database, warmUp.EventsPerCommand);
        var raw = new RawBaseline(database);
        await raw.Prepare();
        foreach (var clients in options.Clients)
        {
            var slices = raw.Interleaved(clients, shape, options.RawDuration / (options.LoadParts + 1));
            var counting = await StatementTimes.Reset(database);
            var load = await phase.Run(clients, options.LoadDuration, parts: options.LoadParts, around: slices.Measure);
            if (counting) load = load with { Statements = await StatementTimes.Top(database, load.Commands) };
            var ceiling = slices.Result();
            results.Add(load);
            raws.Add(ceiling);
            Console.WriteLine($"{clients,3} officers: {load.CommandsPerSecond:0.0} commands/s, p50 {load.CommandLatencyMs.P50} p95 {load.CommandLatencyMs.P95} " +
                              $"p99 {load.CommandLatencyMs.P99} ms, {load.EventsPerSecond:0} events/s, {load.DossiersCompleted} dossiers done, " +
                              $"lag p50 {load.ProjectionLagMs.P50} p95 {load.ProjectionLagMs.P95} ms, {load.Errors} errors" +
                              (load.Cpu is { } cpu ? $"; CPU per request: API {cpu.ApiMs} ms, bench {cpu.BenchMs} ms, PostgreSQL and the rest {cpu.RestMs} ms; stolen by the host {cpu.StealMs} ms" : ""));
            Console.WriteLine($"{clients,3} raw clients (between its parts): {ceiling.TransactionsPerSecond:0} tx/s (slices {string.Join(", ", ceiling.SlicesPerSecond!.Select(t => t.ToString("0")))}) of {ceiling.RowsPerTransaction} rows " +
                              $"({ceiling.RowsPerSecond:0} rows/s), p99 {ceiling.TransactionLatencyMs.P99} ms");
            foreach (var error in load.ErrorSamples.Take(5)) Console.WriteLine($"    error: {error}");
        }
        return (warmUp, results, shape, raws);
    }

    /// <summary>
    /// Unmeasured officers (4) until the API is warm: the JIT recompiles each busy method with full optimisation
    /// (tiering) in the background, for minutes after start on two busy cores. A full run goes in 5 s windows and stops
    /// once the API's JIT spent under 1 % of a core in each of the last two windows (the runtime's meter on /metrics),
    /// after at least 30 s and at most 240 s; a quick run warms up for one short window.
    /// </summary>
    private static async Task<WarmUpResult> WarmUp(LoadPhase phase, ApiClient api, bool quick)
    {
        const double Window = 5, MinSeconds = 30, MaxSeconds = 240, JitSettled = 1.0;
        if (quick)
        {
            var once = await phase.Run(4, TimeSpan.FromSeconds(4), recording: true, probe: false);
            return new WarmUpResult(once.Seconds, once.Seconds, [once.CommandsPerSecond], "quick run: one window", once.Errors, once.EventsPerCommand);
        }
        var rates = new List<double>();
        long errors = 0;
        var eventsPerCommand = 0.0;
        var watch = Stopwatch.StartNew();
        var ended = $"{MaxSeconds:0} s bound reached";
        var jitPercent = new List<double>();
        var jit = await api.JitSeconds();
        while (watch.Elapsed.TotalSeconds < MaxSeconds)
        {
            var started = Stopwatch.GetTimestamp();
            var window = await phase.Run(4, TimeSpan.FromSeconds(Window), recording: true, probe: false);
            rates.Add(window.CommandsPerSecond);
            errors += window.Errors;
            eventsPerCommand = window.EventsPerCommand;
            var jitNow = await api.JitSeconds();
            if (jit is { } before && jitNow is { } after)
                jitPercent.Add(Math.Round(100 * (after - before) / Stopwatch.GetElapsedTime(started).TotalSeconds, 1));
            jit = jitNow;
            if (watch.Elapsed.TotalSeconds >= MinSeconds && jitPercent.Count >= 2 && jitPercent.TakeLast(2).All(p => p < JitSettled))
            {
                ended = "the JIT settled";
                break;
            }
        }
        return new WarmUpResult(Math.Round(watch.Elapsed.TotalSeconds, 1), Window, rates, ended, errors, eventsPerCommand, jitPercent);
    }

    /// <summary>
    /// Statements and round trips per command kind, on an API of its own whose database address is the wire proxy
    /// (so the load phases never pay for the proxy).
    /// </summary>
    private static async Task<CostResult> CostPhase(BenchOptions options, HttpClient http, ApiClient api, Tokens tokens,
        Procedures procedures, NpgsqlDataSource database)
    {
        Console.WriteLine($"Cost per command ({options.CostSamples} of each, one client, through a wire proxy)...");
        var target = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        await using var proxy = new WireProxy(target.Host!, target.Port);
        var proxied = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Host = "127.0.0.1", Port = proxy.Port }.ConnectionString;
        await using var process = await ApiProcess.Start(options, "cost", http, proxied);
        // The scenario calls most endpoints before counting (and each kind runs once unmeasured in the cost phase).
        await new LoadPhase(api, tokens, procedures, database, process.Id).Run(2, TimeSpan.FromSeconds(options.Quick ? 3 : 10), recording: false);
        var result = await new CostPhase(api, tokens, procedures, database, proxy,
            Path.Combine(options.RepoRoot, "bench", "results", "tmp", "cost-wire.log")).Run(options.CostSamples);
        foreach (var error in result.ErrorSamples.Take(5)) Console.WriteLine($"    error: {error}");
        return result;
    }

    /// <summary>
    /// The floor at each concurrency, after the raw phases (API still stopped), on the streams' real tables; its rows are
    /// removed afterwards.
    /// </summary>
    private static async Task<(FloorShape, List<FloorResult>)> FloorPhases(BenchOptions options, NpgsqlDataSource database, List<LoadResult> loads)
    {
        var average = loads.Sum(l => l.EventsAppended) / (double)Math.Max(1, loads.Sum(l => l.Commands));
        var shape = await FloorPhase.MeasureShape(database, average);
        // Its own pool, without the reset (DISCARD ALL) on each return to the pool: a command does not need it, and it
        // throws away the session's cached plans of Marten's append function. The raw phase keeps Npgsql's defaults.
        await using var pool = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(options.ConnectionString) { NoResetOnClose = true }.ConnectionString);
        var floor = new FloorPhase(pool);
        var results = new List<FloorResult>();
        try
        {
            foreach (var load in loads)
            {
                var result = await floor.Run(load.Clients, shape with { EventsPerCommand = load.EventsPerCommand }, options.RawDuration);
                results.Add(result);
                Console.WriteLine($"{load.Clients,3} floor clients: {result.TransactionsPerSecond:0} tx/s of {result.EventsPerTransaction} events " +
                                  $"(+{result.Timers} timers), p50 {result.TransactionLatencyMs.P50} p99 {result.TransactionLatencyMs.P99} ms, {result.Errors} errors");
                foreach (var error in result.ErrorSamples) Console.WriteLine($"    error: {error}");
            }
        }
        finally
        {
            await floor.CleanUp();
        }
        return (shape, results);
    }

    private static List<Agreement> Agreement(BenchReport? previous, List<LoadResult> loads, List<RawResult> raws, List<FloorResult> floors)
    {
        if (previous is null) return [];
        var agreement = new List<Agreement>();
        void Add(string metric, double? before, double now)
        {
            if (before is > 0) agreement.Add(new Agreement(metric, before.Value, now, Stats.Round((now - before.Value) / before.Value * 100)));
        }
        foreach (var load in loads)
        {
            var old = previous.Load.FirstOrDefault(l => l.Clients == load.Clients);
            Add($"commands/s, {load.Clients} officers", old?.CommandsPerSecond, load.CommandsPerSecond);
            Add($"p95 ms, {load.Clients} officers", old?.CommandLatencyMs.P95, load.CommandLatencyMs.P95);
        }
        foreach (var raw in raws)
            Add($"raw tx/s, {raw.Clients} clients", previous.Raw.FirstOrDefault(r => r.Clients == raw.Clients)?.TransactionsPerSecond, raw.TransactionsPerSecond);
        foreach (var floor in floors)
            Add($"floor tx/s, {floor.Clients} clients", previous.Floor?.FirstOrDefault(f => f.Clients == floor.Clients)?.TransactionsPerSecond, floor.TransactionsPerSecond);
        return agreement;
    }
}
