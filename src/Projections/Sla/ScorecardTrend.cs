namespace Dossiers.Projections.Sla;

/// <summary>
/// One day of the scorecard: dossiers received (accepted at a desk) that day, those that reached their result, those
/// handled that day and late, and the on-time rate, each as <see cref="Scorecard.Compute"/> counts them for a period
/// of that one day (read at its end, or at the caller's now while it runs).
/// </summary>
public sealed record TrendDay(DateOnly Date, int Received, int Resolved, int Late, decimal? OnTimeRate);

public static class ScorecardTrend
{
    /// <param name="dossiers">Dossiers accepted before the last day's end that had not ended before the first day.</param>
    public static IReadOnlyList<TrendDay> Daily(IReadOnlyList<DossierSla> dossiers, DateOnly first, DateOnly last, TimeSpan offset,
        DateTimeOffset now, ScorecardFilter filter, Func<string, string?> levelOf)
    {
        var days = new List<TrendDay>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), offset);
            var scores = Scorecard.Compute(dossiers, start, start.AddDays(1), now, filter, levelOf: levelOf).Province;
            days.Add(new TrendDay(day, scores.Received, scores.Finished, scores.Late, scores.OnTimeRate));
        }
        return days;
    }
}
