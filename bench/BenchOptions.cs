namespace Dossiers.Bench;

/// <summary>What one run measures and for how long; <c>--quick</c> is the smoke run that proves the harness end to end.</summary>
public sealed record BenchOptions(
    string RepoRoot,
    string ConnectionString,
    bool Quick,
    IReadOnlyList<int> Clients,
    TimeSpan LoadDuration,
    TimeSpan RawDuration,
    int SeedEvents,
    bool RebuildAll,
    int QuerySamples,
    int ApiPort,
    int CostSamples,
    int LoadParts)
{
    public static BenchOptions Parse(string[] args)
    {
        var quick = args.Contains("--quick");
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var connection = Environment.GetEnvironmentVariable("DOSSIERS_BENCH_DB")
            ?? throw new InvalidOperationException("DOSSIERS_BENCH_DB is not set: run the bench through ./bench.sh.");
        var repo = Environment.GetEnvironmentVariable("DOSSIERS_REPO") ?? FindRepoRoot();
        var load = Value("--duration") is { } d ? int.Parse(d) : quick ? 10 : 45;
        return new BenchOptions(
            repo,
            connection,
            quick,
            Value("--clients") is { } c ? [.. c.Split(',').Select(int.Parse)] : [1, 8, 32],
            TimeSpan.FromSeconds(load),
            TimeSpan.FromSeconds(Value("--raw-duration") is { } r ? int.Parse(r) : quick ? 5 : 20),
            Value("--seed-events") is { } e ? int.Parse(e) : quick ? 60_000 : 1_100_000,
            !args.Contains("--rebuild-subset"),
            Value("--samples") is { } s ? int.Parse(s) : quick ? 40 : 200,
            5090,
            Value("--cost-samples") is { } n ? int.Parse(n) : quick ? 10 : 30,
            // A full run's load phase in three parts, the raw ceiling measured before, between and after them.
            Value("--parts") is { } p ? int.Parse(p) : quick ? 1 : 3);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Dossiers.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository root (Dossiers.slnx); set DOSSIERS_REPO.");
    }
}
