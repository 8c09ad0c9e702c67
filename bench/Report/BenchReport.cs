using Dossiers.Bench.Load;
using Dossiers.Bench.Raw;
using Dossiers.Bench.Store;

namespace Dossiers.Bench.Report;

/// <summary>Ours against the raw ceiling at one concurrency: the ratios are the headline numbers.</summary>
public sealed record Comparison(int Clients, double OurCommandsPerSecond, double RawTransactionsPerSecond, double CommandRatio,
    double OurEventsPerSecond, double RawRowsPerSecond, double EventRatio);

/// <summary>The same number in the previous run of the same mode, for the "two runs agree within 20 %" target.</summary>
public sealed record Agreement(string Metric, double Previous, double Now, double DifferencePercent);

public sealed record BenchReport(
    MachineFacts Machine,
    string Mode,
    double LoadSecondsPerPhase,
    double RawSecondsPerPhase,
    IReadOnlyList<LoadResult> Load,
    RowShape RowShape,
    IReadOnlyList<RawResult> Raw,
    IReadOnlyList<Comparison> Comparisons,
    SeedResult? Seed,
    IReadOnlyList<RebuildResult> Rebuild,
    bool RebuildAll,
    IReadOnlyList<QueryResult> Queries,
    IReadOnlyList<Agreement> AgreementWithPreviousRun,
    IReadOnlyList<string> Failures,
    double TotalSeconds)
{
    public bool Passed => Failures.Count == 0;
}
