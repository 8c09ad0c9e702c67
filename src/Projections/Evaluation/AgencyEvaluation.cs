using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Engine.Evaluations;
using Dossiers.Projections.Evaluations;
using Dossiers.Projections.Explanations;
using Dossiers.Projections.Feedback;
using Dossiers.Projections.Sla;

namespace Dossiers.Projections.Evaluation;

/// <summary>
/// One indicator of an evaluation: how many things were judged, the figure it was read from (<see cref="Measure"/>: an
/// average 2/1/0 score, a percentage, or a count of late explanations), its score on TT 01's 0–2 scale (null: nothing
/// to judge, left out of the total) and its weight.
/// </summary>
public sealed record IndicatorScore(string Key, string Title, int Judged, decimal? Measure, decimal? Score, decimal Weight);

/// <summary>An agency's evaluation over a period, with the figures its indicators were read from.</summary>
public sealed record AgencyEvaluationResult(string Agency, string? Level, IReadOnlyList<IndicatorScore> Indicators, decimal? Total, Grade? Grade,
    string? GradeLabel, DossierScores? Handling, StepScores? Steps, ExplanationFigures? Explanations, FeedbackFigures? Feedback,
    EvaluationScores? Citizens);

/// <summary>An officer's evaluation (a user at one agency) over a period, with the figures its indicators were read from.</summary>
public sealed record OfficerEvaluationResult(string User, string Agency, IReadOnlyList<IndicatorScore> Indicators, decimal? Total, Grade? Grade,
    string? GradeLabel, StepScores? Steps, FeedbackFigures? Feedback, EvaluationScores? Citizens);

/// <summary>
/// What one period's evaluation is computed from, all read models: the period's scorecard (its From, To and CutOff
/// are the period's), the explanation requests and feedback of the period, the citizen evaluations made in it, and
/// (for officers) the SLA documents of the evaluated dossiers, which say who did their steps.
/// </summary>
public sealed record EvaluationInputs(ScorecardReport Scorecard, IReadOnlyList<Explanation> Explanations, IReadOnlyList<CitizenFeedback> Feedback,
    IReadOnlyList<ServiceEvaluation> Evaluations, IReadOnlyList<DossierSla>? EvaluatedDossiers = null);

/// <summary>
/// The evaluation of agencies and officers (TT 01/2018/TT-VPCP Chapter III, NĐ 61 Art. 31; docs/control.md, "Agency
/// and officer evaluation"). Pure: every figure comes from the figures functions the reports use
/// (<see cref="Scorecard"/>, <see cref="ExplanationCount"/>, <see cref="FeedbackIndicator"/>, <see cref="EvaluationFigures"/>),
/// read at the scorecard's cut-off, so a month scores the same whenever it is computed.
/// <list type="bullet">
/// <item>Per-dossier indicators (1, 2, 3, 4, 7, satisfaction) score the average of their 2/1/0 scores.</item>
/// <item>PAKN on time scores 2, 1 or 0 by the on-time rate against <see cref="EvaluationRules.FeedbackGoodRate"/> and
/// <see cref="EvaluationRules.FeedbackPassRate"/>; explanations by the requests and the late ones against
/// <see cref="EvaluationRules.ExplanationsGoodRequests"/> and <see cref="EvaluationRules.ExplanationsPassLate"/>.</item>
/// <item>The total is the weighted mean of the scored indicators (two decimals); the grade compares it with
/// <see cref="EvaluationRules.GoodFrom"/> and <see cref="EvaluationRules.PassFrom"/>. Nothing scored: no total, no grade.</item>
/// </list>
/// </summary>
public static class AgencyEvaluation
{
    /// <summary>Every agency with figures in the period that <paramref name="selected"/> admits, in code order.</summary>
    public static IReadOnlyList<AgencyEvaluationResult> Agencies(EvaluationInputs inputs, EvaluationRules rules, Func<string, bool>? selected = null,
        Func<string, string?>? levelOf = null)
    {
        selected ??= _ => true;
        levelOf ??= _ => null;
        var (from, to, at) = (inputs.Scorecard.From, inputs.Scorecard.To, inputs.Scorecard.CutOff);
        var scorecard = inputs.Scorecard.Agencies.ToDictionary(a => a.Agency);
        var explanations = ExplanationCount.PerAgency(inputs.Explanations, from, to, at).ToDictionary(e => e.Agency!);
        var feedback = FeedbackIndicator.Compute(inputs.Feedback, from, to, at).Agencies.ToDictionary(f => f.Agency!);
        // Evaluations made before the cut-off: the same as the period's once it has ended.
        var citizens = EvaluationFigures.Compute(inputs.Evaluations, from, at).Agencies.ToDictionary(e => e.Agency, e => e.Scores);

        return [.. scorecard.Keys.Concat(explanations.Keys).Concat(feedback.Keys).Concat(citizens.Keys)
            .Distinct().Where(selected).Order(StringComparer.Ordinal)
            .Select(agency =>
            {
                var card = scorecard.GetValueOrDefault(agency);
                var asked = explanations.GetValueOrDefault(agency);
                var pakn = feedback.GetValueOrDefault(agency);
                var evaluated = citizens.GetValueOrDefault(agency);
                var worked = card is not null && (card.Handling.Dossiers > 0 || card.Receiving.Dossiers > 0);
                IndicatorScore[] indicators =
                [
                    Average(Indicators.DossierTime, card?.Handling.Finished ?? 0, card?.Handling.AverageScore, rules),
                    Average(Indicators.StepTime, card?.Steps.Steps ?? 0, card?.Steps.AverageScore, rules),
                    ExplanationScore(asked, worked, rules),
                    FeedbackScore(pakn, rules),
                    .. CitizenScores(evaluated, rules),
                ];
                var (total, grade) = Totals(indicators, rules);
                return new AgencyEvaluationResult(agency, levelOf(agency), indicators, total, grade, grade is { } g ? Grades.Label(g) : null,
                    card?.Handling, card?.Steps, asked, pakn, evaluated);
            })];
    }

    /// <summary>
    /// Every officer (a user at an agency <paramref name="selected"/> admits; one <paramref name="user"/> if given) with
    /// figures in the period: TT 01 indicator 2 on the steps they completed, PAKN on time on the feedback they answered
    /// before the cut-off, and the citizens' indicators of the evaluations of dossiers in which they completed a step.
    /// Explanations are asked of agencies and indicator 1 is the dossier's, so neither is an officer's.
    /// </summary>
    public static IReadOnlyList<OfficerEvaluationResult> Officers(EvaluationInputs inputs, EvaluationRules rules, Func<string, bool>? selected = null,
        string? user = null)
    {
        selected ??= _ => true;
        var (from, to, at) = (inputs.Scorecard.From, inputs.Scorecard.To, inputs.Scorecard.CutOff);
        var steps = inputs.Scorecard.Officers.ToDictionary(o => (o.User, o.Agency), o => o.Steps);
        var answered = inputs.Feedback.Where(f => f.AnsweredBy is not null && f.AnsweredAt < at)
            .GroupBy(f => (f.AnsweredBy!.User, Agency: f.AnsweredBy.Agency ?? FeedbackIndicator.AgencyOf(f) ?? ""))
            .ToDictionary(g => g.Key, g => FeedbackIndicator.Compute(g, from, to, at).Province);
        var dossiers = (inputs.EvaluatedDossiers ?? []).ToDictionary(d => d.Id);
        var evaluated = inputs.Evaluations
            .SelectMany(e => dossiers.TryGetValue(e.DossierId, out var d)
                ? d.Steps.Where(s => s.CompletedBy is not null && s.CompletedAt <= e.EvaluatedAt).Select(s => (s.CompletedBy!, s.Agency)).Distinct()
                    .Select(officer => (Officer: officer, Evaluation: e))
                : [])
            .GroupBy(x => x.Officer)
            .ToDictionary(g => g.Key, g => EvaluationFigures.Compute(g.Select(x => x.Evaluation), from, at).Province);

        return [.. steps.Keys.Concat(answered.Keys).Concat(evaluated.Keys)
            .Distinct().Where(o => selected(o.Item2) && (user is null || o.Item1 == user))
            .Where(o => steps.ContainsKey(o) || answered.GetValueOrDefault(o)?.Received > 0 || evaluated.GetValueOrDefault(o)?.Evaluations > 0)
            .OrderBy(o => o.Item2, StringComparer.Ordinal).ThenBy(o => o.Item1, StringComparer.Ordinal)
            .Select(officer =>
            {
                var stepScores = steps.GetValueOrDefault(officer);
                var pakn = answered.GetValueOrDefault(officer) is { Received: > 0 } figures ? figures : null;
                var citizens = evaluated.GetValueOrDefault(officer) is { Evaluations: > 0 } scores ? scores : null;
                IndicatorScore[] indicators =
                [
                    Average(Indicators.StepTime, stepScores?.Steps ?? 0, stepScores?.AverageScore, rules),
                    FeedbackScore(pakn, rules),
                    .. CitizenScores(citizens, rules),
                ];
                var (total, grade) = Totals(indicators, rules);
                return new OfficerEvaluationResult(officer.Item1, officer.Item2, indicators, total, grade, grade is { } g ? Grades.Label(g) : null,
                    stepScores, pakn, citizens);
            })];
    }

    /// <summary>The weighted mean of the scored indicators (two decimals) and its grade; none when nothing was scored.</summary>
    public static (decimal? Total, Grade? Grade) Totals(IReadOnlyList<IndicatorScore> indicators, EvaluationRules rules)
    {
        var scored = indicators.Where(i => i.Score is not null && i.Weight > 0).ToList();
        var weight = scored.Sum(i => i.Weight);
        if (weight == 0) return (null, null);
        var total = Math.Round(scored.Sum(i => i.Score!.Value * i.Weight) / weight, 2, MidpointRounding.AwayFromZero);
        return (total, total >= rules.GoodFrom ? Grade.Good : total >= rules.PassFrom ? Grade.Pass : Grade.Fail);
    }

    /// <summary>An indicator scored per dossier (or step, or evaluation): its score is the average of the 2/1/0 scores.</summary>
    private static IndicatorScore Average(string key, int judged, decimal? average, EvaluationRules rules) =>
        new(key, Indicators.Title(key), judged, average, judged == 0 ? null : average, rules.WeightOf(key));

    /// <summary>
    /// No request (up to the good count) and none late: 2; late ones up to the pass count: 1; more: 0. An agency with
    /// no dossier and no request in the period has nothing to be judged on.
    /// </summary>
    private static IndicatorScore ExplanationScore(ExplanationFigures? figures, bool worked, EvaluationRules rules)
    {
        var (requested, late) = (figures?.Requested ?? 0, figures?.Late ?? 0);
        decimal? score = requested == 0 && !worked ? null
            : requested <= rules.ExplanationsGoodRequests && late == 0 ? 2
            : late <= rules.ExplanationsPassLate ? 1
            : 0;
        return new(Indicators.Explanations, Indicators.Title(Indicators.Explanations), requested, late, score, rules.WeightOf(Indicators.Explanations));
    }

    /// <summary>The on-time rate against the thresholds; nothing judged yet (no rate): no score.</summary>
    private static IndicatorScore FeedbackScore(FeedbackFigures? figures, EvaluationRules rules)
    {
        var rate = figures?.OnTimeRate;
        decimal? score = rate is not { } r ? null : r >= rules.FeedbackGoodRate ? 2 : r >= rules.FeedbackPassRate ? 1 : 0;
        return new(Indicators.Feedback, Indicators.Title(Indicators.Feedback),
            figures is null ? 0 : figures.HandledOnTime + figures.HandledLate + figures.Overdue, rate, score, rules.WeightOf(Indicators.Feedback));
    }

    /// <summary>TT 01 indicators 3, 4, 7 and satisfaction: the averages of the scores the decider recorded.</summary>
    private static IndicatorScore[] CitizenScores(EvaluationScores? scores, EvaluationRules rules)
    {
        var count = scores?.Evaluations ?? 0;
        return
        [
            Average(Indicators.Contacts, count, scores?.ContactsToComplete.AverageScore, rules),
            Average(Indicators.AgenciesContacted, count, scores?.AgenciesContacted.AverageScore, rules),
            Average(Indicators.Attitude, count, scores?.Attitude.AverageScore, rules),
            new(Indicators.Satisfaction, Indicators.Title(Indicators.Satisfaction), count, scores?.Satisfaction.SatisfactionRate,
                count == 0 ? null : SatisfactionAverage(scores!.Satisfaction, count), rules.WeightOf(Indicators.Satisfaction)),
        ];
    }

    /// <summary>The average satisfaction score, on the scale the decider scores each answer with (<see cref="EvaluationScale"/>).</summary>
    private static decimal SatisfactionAverage(SatisfactionCounts counts, int evaluations) =>
        Math.Round((decimal)(counts.VerySatisfied * EvaluationScale.Score(Satisfaction.VerySatisfied)
                             + counts.Satisfied * EvaluationScale.Score(Satisfaction.Satisfied)
                             + counts.NotSatisfied * EvaluationScale.Score(Satisfaction.NotSatisfied)) / evaluations,
            2, MidpointRounding.AwayFromZero);
}
