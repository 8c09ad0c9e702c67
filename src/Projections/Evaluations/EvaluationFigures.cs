using Dossiers.Engine.Evaluations;

namespace Dossiers.Projections.Evaluations;

/// <summary>How many answers of one indicator scored 2, 1 and 0 on the TT 01 scale, and their average (two decimals).</summary>
public sealed record ScoreCounts(int Scored2, int Scored1, int Scored0, decimal? AverageScore);

/// <summary>
/// Overall satisfaction: how many citizens answered each level, and the satisfaction rate — the percentage (one decimal)
/// who were very satisfied or satisfied; none when nobody evaluated.
/// </summary>
public sealed record SatisfactionCounts(int VerySatisfied, int Satisfied, int NotSatisfied, decimal? SatisfactionRate);

/// <summary>The evaluations of one agency, or of the province: their number, satisfaction, and TT 01 indicators 3, 4 and 7.</summary>
public sealed record EvaluationScores(int Evaluations, SatisfactionCounts Satisfaction, ScoreCounts ContactsToComplete,
    ScoreCounts AgenciesContacted, ScoreCounts Attitude);

public sealed record AgencyEvaluationScores(string Agency, EvaluationScores Scores);

/// <summary>The citizen evaluations made in [<paramref name="From"/>, <paramref name="To"/>), for the province and per agency.</summary>
public sealed record EvaluationFiguresReport(DateTimeOffset From, DateTimeOffset To, string? Agency, EvaluationScores Province,
    IReadOnlyList<AgencyEvaluationScores> Agencies);

/// <summary>
/// The citizen-evaluation figures: a pure function of the recorded evaluations, for the figures route, the reports and
/// the evaluation of agencies and officers. Rules (docs/control.md, "Citizen evaluation"):
/// <list type="bullet">
/// <item>An evaluation belongs to the period it was made in (<see cref="ServiceEvaluation.EvaluatedAt"/> in [from, to)).</item>
/// <item>It counts once for the province, and once for each agency it credits (<see cref="ServiceEvaluation.CreditedAgencies"/>:
/// the receiving centre and every unit that completed a step), so the agencies' counts add up to more than the
/// province's when dossiers pass through several units.</item>
/// <item>The scores are those the decider recorded (<see cref="EvaluationScale"/>); nothing is scored again here.</item>
/// <item>With an agency, the province's figures and the list are narrowed to the evaluations crediting that agency.</item>
/// </list>
/// </summary>
public static class EvaluationFigures
{
    public static EvaluationFiguresReport Compute(IEnumerable<ServiceEvaluation> evaluations, DateTimeOffset from, DateTimeOffset to,
        string? agency = null)
    {
        var inPeriod = evaluations.Where(e => e.EvaluatedAt >= from && e.EvaluatedAt < to)
            .Where(e => agency is null || e.CreditedAgencies.Contains(agency)).ToList();
        var byAgency = inPeriod.SelectMany(e => e.CreditedAgencies.Select(a => (Agency: a, Evaluation: e)))
            .Where(x => agency is null || x.Agency == agency)
            .GroupBy(x => x.Agency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgencyEvaluationScores(g.Key, Scores(g.Select(x => x.Evaluation))))
            .ToList();
        return new EvaluationFiguresReport(from, to, agency, Scores(inPeriod), byAgency);
    }

    /// <summary>The figures of a set of evaluations, whatever their period or agency.</summary>
    public static EvaluationScores Scores(IEnumerable<ServiceEvaluation> evaluations)
    {
        var list = evaluations.ToList();
        var satisfied = list.Count(e => EvaluationScale.IsSatisfied(e.Satisfaction));
        return new EvaluationScores(list.Count,
            new SatisfactionCounts(
                list.Count(e => e.Satisfaction == Satisfaction.VerySatisfied), list.Count(e => e.Satisfaction == Satisfaction.Satisfied),
                list.Count(e => e.Satisfaction == Satisfaction.NotSatisfied),
                list.Count == 0 ? null : Math.Round(100m * satisfied / list.Count, 1, MidpointRounding.AwayFromZero)),
            Counts(list.Select(e => e.ContactsScore)), Counts(list.Select(e => e.AgenciesScore)), Counts(list.Select(e => e.AttitudeScore)));
    }

    private static ScoreCounts Counts(IEnumerable<int> scores)
    {
        var list = scores.ToList();
        return new ScoreCounts(list.Count(s => s == 2), list.Count(s => s == 1), list.Count(s => s == 0),
            list.Count == 0 ? null : Math.Round((decimal)list.Average(), 2, MidpointRounding.AwayFromZero));
    }
}
