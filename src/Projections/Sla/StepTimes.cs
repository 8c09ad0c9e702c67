namespace Dossiers.Projections.Sla;

/// <summary>
/// One step (activity) of a workflow version, as the province's heat map reads it: how many dossiers wait there now and
/// for how long so far, and how long the steps finished in the period took, from activation to completion (wall-clock
/// minutes, as the hand-off matrix counts its latencies; median and p90 by nearest rank).
/// </summary>
public sealed record StepTime(string ActivityId, string Title, int Waiting, int WaitingOverdue, double? WaitingMedianMinutes, double? WaitingP90Minutes,
    int Finished, int FinishedLate, double? FinishedMedianMinutes, double? FinishedP90Minutes);

public sealed record StepTimesReport(string DefinitionId, int Version, DateTimeOffset AsOf, DateTimeOffset From, DateTimeOffset To,
    int Dossiers, IReadOnlyList<StepTime> Steps);

/// <summary>Where the province loses time on one workflow version, from the SLA read model's steps (every time in them came from the events).</summary>
public static class StepTimes
{
    /// <param name="dossiers">The dossiers on the version (open ones, and those that ended in or after the period).</param>
    /// <param name="now">The moment the waiting steps are measured at (the caller's clock: a projection never reads one).</param>
    public static StepTimesReport Compute(string definitionId, int version, IReadOnlyList<DossierSla> dossiers, DateTimeOffset now,
        DateTimeOffset from, DateTimeOffset to)
    {
        var steps = dossiers.SelectMany(d => d.Steps.Select(s => (Dossier: d, Step: s))).ToList();
        var byActivity = steps.GroupBy(x => x.Step.ActivityId).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            // Waiting: open steps of open dossiers, paused ones included (the board shows them; the page says so).
            var waiting = g.Where(x => x.Step.IsOpen && x.Dossier.EndedAt is null).ToList();
            var waited = Sorted(waiting.Select(x => (now - x.Step.ActivatedAt).TotalMinutes));
            var finished = g.Where(x => x.Step.CompletedAt is { } done && done >= from && done < to).ToList();
            var took = Sorted(finished.Select(x => (x.Step.CompletedAt!.Value - x.Step.ActivatedAt).TotalMinutes));
            return new StepTime(g.Key, g.Last().Step.Title,
                waiting.Count, waiting.Count(x => x.Step.DueAt < now), Percentile(waited, 0.5), Percentile(waited, 0.9),
                finished.Count, finished.Count(x => x.Step.Timeliness == Engine.Calendars.Timeliness.Late),
                Percentile(took, 0.5), Percentile(took, 0.9));
        });
        return new StepTimesReport(definitionId, version, now, from, to, dossiers.Count, [.. byActivity]);
    }

    private static List<double> Sorted(IEnumerable<double> values) => values.Order().ToList();

    private static double? Percentile(IReadOnlyList<double> sorted, double p) => Percentiles.NearestRank(sorted, p);
}
