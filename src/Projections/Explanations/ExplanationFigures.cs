using Dossiers.Engine.Control.Explanations;

namespace Dossiers.Projections.Explanations;

/// <summary>
/// One agency's explanation requests of a period (or all agencies', <paramref name="Agency"/> null), as they stood at
/// the figures' instant. <see cref="Requested"/> = <see cref="AnsweredOnTime"/> + <see cref="AnsweredLate"/> +
/// <see cref="OverdueUnanswered"/> + <see cref="Open"/>.
/// </summary>
public sealed record ExplanationFigures(string? Agency, int Requested, int AnsweredOnTime, int AnsweredLate, int OverdueUnanswered, int Open)
{
    /// <summary>Answered after the deadline, or not answered by it: what counts against the agency.</summary>
    public int Late => AnsweredLate + OverdueUnanswered;
}

/// <summary>
/// The figures the reports and the agencies' evaluation take from the control office's explanation requests. Pure:
/// the caller gives the requests and the instants, nothing is read here.
/// </summary>
public static class ExplanationCount
{
    /// <summary>
    /// Per agency (ordinal order of the codes), the requests made in [<paramref name="from"/>, <paramref name="to"/>)
    /// as they stood at <paramref name="asOf"/>: answered by <paramref name="asOf"/> (on time, or late when after the
    /// deadline, as the answer's event says), otherwise overdue when the deadline is at or before <paramref name="asOf"/> (as the timer records it),
    /// otherwise open. <paramref name="agency"/> keeps one agency's.
    /// </summary>
    public static IReadOnlyList<ExplanationFigures> PerAgency(IEnumerable<Explanation> requests, DateTimeOffset from, DateTimeOffset to,
        DateTimeOffset asOf, string? agency = null) =>
        [.. InPeriod(requests, from, to, agency).GroupBy(r => r.Agency).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Figures(g.Key, g, asOf))];

    /// <summary>The same count over every agency together (the province's line of a report).</summary>
    public static ExplanationFigures Total(IEnumerable<Explanation> requests, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf,
        string? agency = null) =>
        Figures(agency, InPeriod(requests, from, to, agency), asOf);

    private static IEnumerable<Explanation> InPeriod(IEnumerable<Explanation> requests, DateTimeOffset from, DateTimeOffset to, string? agency) =>
        requests.Where(r => r.RequestedAt >= from && r.RequestedAt < to && (agency is null || r.Agency == agency));

    private static ExplanationFigures Figures(string? agency, IEnumerable<Explanation> requests, DateTimeOffset asOf)
    {
        int requested = 0, onTime = 0, late = 0, overdue = 0, open = 0;
        foreach (var r in requests)
        {
            requested++;
            if (r.Answer is { } answer && answer.AnsweredAt <= asOf)
            {
                if (answer.Late) late++; else onTime++;   // as the decider judged it when the answer came
            }
            else if (r.AnswerDueAt <= asOf) overdue++;
            else open++;
        }
        return new ExplanationFigures(agency, requested, onTime, late, overdue, open);
    }
}
