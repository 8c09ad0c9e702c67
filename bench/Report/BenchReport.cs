using Dossiers.Bench.Cost;
using Dossiers.Bench.Floor;
using Dossiers.Bench.Load;
using Dossiers.Bench.Raw;
using Dossiers.Bench.Store;

namespace Dossiers.Bench.Report;

/// <summary>
/// Ours against the raw ceiling and against the floor (the least a command must ask of PostgreSQL) at one concurrency:
/// the ratios are the headline numbers.
/// </summary>
public sealed record Comparison(int Clients, double OurCommandsPerSecond, double RawTransactionsPerSecond, double CommandRatio,
    double OurEventsPerSecond, double RawRowsPerSecond, double EventRatio, double? FloorTransactionsPerSecond = null, double? FloorRatio = null);

/// <summary>How long the unmeasured warm-up ran and the throughput of each of its windows.</summary>
/// <param name="JitPercent">The share of one core the API's JIT spent compiling in each window, when the API reports it.</param>
public sealed record WarmUpResult(double Seconds, double WindowSeconds, IReadOnlyList<double> CommandsPerSecond, string Ended, long Errors,
    double EventsPerCommand, IReadOnlyList<double>? JitPercent = null);

/// <summary>The same number in the previous run of the same mode, for the "two runs agree within 20 %" target.</summary>
public sealed record Agreement(string Metric, double Previous, double Now, double DifferencePercent);

public sealed record BenchReport(
    MachineFacts Machine,
    string Mode,
    double LoadSecondsPerPhase,
    double RawSecondsPerPhase,
    WarmUpResult? WarmUp,
    IReadOnlyList<LoadResult> Load,
    CostResult? Cost,
    RowShape RowShape,
    IReadOnlyList<RawResult> Raw,
    FloorShape? FloorShape,
    IReadOnlyList<FloorResult> Floor,
    IReadOnlyList<Comparison> Comparisons,
    SeedResult? Seed,
    IReadOnlyList<RebuildResult> Rebuild,
    bool RebuildAll,
    IReadOnlyList<QueryResult> Queries,
    IReadOnlyList<Agreement> AgreementWithPreviousRun,
    IReadOnlyList<TargetCheck> Targets,
    IReadOnlyList<string> Failures,
    double TotalSeconds,
    Portal.PortalDrainResult? PortalDrain = null)
{
    public bool Passed => Failures.Count == 0;
}
