using System.Diagnostics;
using Dossiers.Bench.Load;
using Dossiers.Bench.Raw;
using Dossiers.Bench.Report;
using Dossiers.Bench.Store;
using Dossiers.Engine.Calendars;
using Npgsql;

namespace Dossiers.Bench;

/// <summary>
/// The benchmark of issue 9, in the order that keeps phases from disturbing each other: load over HTTP (API up), the
/// raw PostgreSQL ceiling (API down), then the large store: seed, rebuild (API down), queries (API up again).
/// Run it through ./bench.sh, which gives it a fresh database.
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
        var procedures = new Procedures(Path.Combine(options.RepoRoot, "workflows"));
        var machine = await MachineFacts.Collect(database, options.RepoRoot);
        var mode = options.Quick ? "quick" : "full";
        Console.WriteLine($"Benchmark ({mode}): {machine.Cores} cores, {machine.RamGiB} GiB, {machine.DotNet}, PostgreSQL {machine.PostgreSql}, commit {machine.GitCommit}");

        var loads = await LoadPhases(options, http, api, tokens, procedures, database);
        var (shape, raws) = await RawPhases(options, database, loads);
        var comparisons = loads.Zip(raws, (l, r) => new Comparison(l.Clients, l.CommandsPerSecond, r.TransactionsPerSecond,
            Math.Round(l.CommandsPerSecond / r.TransactionsPerSecond, 4), l.EventsPerSecond, r.RowsPerSecond,
            Math.Round(l.EventsPerSecond / r.RowsPerSecond, 4))).ToList();

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

        var failures = Failures(loads, queries);
        var previous = ReportWriter.Previous(options.RepoRoot, mode);
        var report = new BenchReport(machine, mode, options.LoadDuration.TotalSeconds, options.RawDuration.TotalSeconds, loads, shape, raws,
            comparisons, seed, rebuilds, options.RebuildAll, queries, Agreement(previous, loads, raws), failures, Math.Round(total.Elapsed.TotalSeconds));
        var (jsonPath, markdown) = ReportWriter.Write(report, options.RepoRoot);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Console.WriteLine($"Written: {jsonPath} and bench/results/latest.md");
        return report.Passed ? 0 : 1;
    }

    private static async Task<List<LoadResult>> LoadPhases(BenchOptions options, HttpClient http, ApiClient api, Tokens tokens,
        Procedures procedures, NpgsqlDataSource database)
    {
        var results = new List<LoadResult>();
        await using var process = await ApiProcess.Start(options, "load", http);
        var phase = new LoadPhase(api, tokens, procedures, database);
        // Wolverine generates each endpoint's code on its first call and tiered JIT settles over tens of seconds: not
        // part of any measurement (a 10 s warm-up left the 1-officer phase 20-25 % apart between otherwise equal runs).
        var warmUp = await phase.Run(4, TimeSpan.FromSeconds(options.Quick ? 4 : 30), recording: false);
        Console.WriteLine($"Warm-up done ({warmUp.Errors} errors{(warmUp.Errors > 0 ? ": " + warmUp.ErrorSamples[0] : "")})");
        foreach (var clients in options.Clients)
        {
            var load = await phase.Run(clients, options.LoadDuration);
            results.Add(load);
            Console.WriteLine($"{clients,3} officers: {load.CommandsPerSecond:0.0} commands/s, p50 {load.CommandLatencyMs.P50} p95 {load.CommandLatencyMs.P95} " +
                              $"p99 {load.CommandLatencyMs.P99} ms, {load.EventsPerSecond:0} events/s, {load.DossiersCompleted} dossiers done, " +
                              $"lag p50 {load.ProjectionLagMs.P50} p95 {load.ProjectionLagMs.P95} ms, {load.Errors} errors");
            foreach (var error in load.ErrorSamples.Take(5)) Console.WriteLine($"    error: {error}");
        }
        return results;
    }

    private static async Task<(RowShape, List<RawResult>)> RawPhases(BenchOptions options, NpgsqlDataSource database, List<LoadResult> loads)
    {
        var average = loads.Sum(l => l.EventsAppended) / (double)Math.Max(1, loads.Sum(l => l.Commands));
        var shape = await RawBaseline.MeasureShape(database, average);
        var raw = new RawBaseline(database);
        await raw.Prepare();
        var results = new List<RawResult>();
        foreach (var load in loads)
        {
            var result = await raw.Run(load.Clients, shape with { EventsPerCommand = load.EventsPerCommand }, options.RawDuration);
            results.Add(result);
            Console.WriteLine($"{load.Clients,3} raw clients: {result.TransactionsPerSecond:0} tx/s of {result.RowsPerTransaction} rows " +
                              $"({result.RowsPerSecond:0} rows/s), p99 {result.TransactionLatencyMs.P99} ms");
        }
        return (shape, results);
    }

    private static List<string> Failures(List<LoadResult> loads, IReadOnlyList<QueryResult> queries)
    {
        var failures = new List<string>();
        var heaviest = loads.MaxBy(l => l.Clients);
        if (heaviest is { Errors: > 0 }) failures.Add($"{heaviest.Errors} error(s) under the {heaviest.Clients}-officer load");
        if (loads.Any(l => l.Commands == 0)) failures.Add("a load phase completed no command");
        failures.AddRange(queries.Where(q => q.Errors > 0).Select(q => $"{q.Errors} error(s) on {q.Query}"));
        return failures;
    }

    private static List<Agreement> Agreement(BenchReport? previous, List<LoadResult> loads, List<RawResult> raws)
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
        return agreement;
    }
}
