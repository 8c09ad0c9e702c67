namespace Dossiers.Projections.Evaluation;

/// <summary>The indicators an agency or an officer is scored on (docs/control.md, "Agency and officer evaluation").</summary>
public static class Indicators
{
    /// <summary>TT 01 indicator 1: each dossier's handling time against its legal time, 2/1/0 (the scorecard's, handled-by).</summary>
    public const string DossierTime = "dossierTime";
    /// <summary>TT 01 indicator 2: each step against its allotment, 2/1/0 (the scorecard's, per agency and per officer).</summary>
    public const string StepTime = "stepTime";
    /// <summary>Late-cause explanations the control office asked for and how they were answered (QĐ 1326, NĐ 61 Art. 31).</summary>
    public const string Explanations = "explanations";
    /// <summary>QĐ 766 5.1: citizen feedback (PAKN) handled on time.</summary>
    public const string Feedback = "feedback";
    /// <summary>TT 01 indicator 3: the times the citizen had to contact the desk, from the citizens' evaluations.</summary>
    public const string Contacts = "contacts";
    /// <summary>TT 01 indicator 4: the agencies the citizen had to contact.</summary>
    public const string AgenciesContacted = "agenciesContacted";
    /// <summary>TT 01 indicator 7: the officials' attitude.</summary>
    public const string Attitude = "attitude";
    /// <summary>QĐ 766 group 5: the citizens' overall satisfaction.</summary>
    public const string Satisfaction = "satisfaction";

    public static readonly IReadOnlyList<string> All = [DossierTime, StepTime, Explanations, Feedback, Contacts, AgenciesContacted, Attitude, Satisfaction];

    /// <summary>The Vietnamese name each indicator is printed with.</summary>
    public static string Title(string key) => key switch
    {
        DossierTime => "Thời gian giải quyết hồ sơ so với quy định (TT 01, tiêu chí 1)",
        StepTime => "Thời gian giải quyết của từng bước so với quy định (TT 01, tiêu chí 2)",
        Explanations => "Giải trình hồ sơ quá hạn",
        Feedback => "Xử lý phản ánh, kiến nghị đúng hạn",
        Contacts => "Số lần liên hệ để hoàn thiện hồ sơ (TT 01, tiêu chí 3)",
        AgenciesContacted => "Số cơ quan phải liên hệ (TT 01, tiêu chí 4)",
        Attitude => "Thái độ của cán bộ, công chức (TT 01, tiêu chí 7)",
        Satisfaction => "Mức độ hài lòng",
        _ => key,
    };
}

/// <summary>The grade of an evaluation, from its total; <see cref="Label"/> is how it is printed.</summary>
public enum Grade { Good, Pass, Fail }

public static class Grades
{
    public static string Label(Grade grade) => grade switch
    {
        Grade.Good => "Hoàn thành tốt",
        Grade.Pass => "Hoàn thành",
        _ => "Chưa hoàn thành",
    };
}

/// <summary>
/// How indicators become a total and a grade (configuration <c>AgencyEvaluation:*</c>; docs/control.md). The law gives
/// the 2/1/0 scale of each indicator; the weights, the thresholds of the two counted indicators and of the grades are
/// ours, here with their defaults.
/// </summary>
/// <param name="Weights">Each indicator's weight in the total (indicator key → weight ≥ 0); an indicator left out weighs 1.</param>
/// <param name="FeedbackGoodRate">PAKN handled on time at or above this percentage scores 2.</param>
/// <param name="FeedbackPassRate">At or above this (below the good rate) scores 1; below, 0.</param>
/// <param name="ExplanationsGoodRequests">At most this many explanation requests in the period, none late, scores 2.</param>
/// <param name="ExplanationsPassLate">At most this many answered late or overdue unanswered scores 1 (when more were requested than the good count); more, 0.</param>
/// <param name="GoodFrom">A total at or above this is "Hoàn thành tốt".</param>
/// <param name="PassFrom">At or above this (below <paramref name="GoodFrom"/>) "Hoàn thành"; below, "Chưa hoàn thành".</param>
public sealed record EvaluationRules(
    IReadOnlyDictionary<string, decimal> Weights,
    decimal FeedbackGoodRate = 100m,
    decimal FeedbackPassRate = 80m,
    int ExplanationsGoodRequests = 0,
    int ExplanationsPassLate = 0,
    decimal GoodFrom = 1.5m,
    decimal PassFrom = 1.0m)
{
    /// <summary>Every indicator weighs 1; the thresholds as documented.</summary>
    public static readonly EvaluationRules Default = new(new Dictionary<string, decimal>());

    public decimal WeightOf(string indicator) => Weights.TryGetValue(indicator, out var weight) ? weight : 1m;

    /// <summary>What is wrong with these rules (the configuration key and why), or null: checked once, at start.</summary>
    public string? Problem()
    {
        if (Weights.Keys.FirstOrDefault(k => !Indicators.All.Contains(k)) is { } unknown)
            return $"AgencyEvaluation:Weights:{unknown} names no indicator; use {string.Join(", ", Indicators.All)}.";
        if (Weights.FirstOrDefault(w => w.Value < 0) is { Key: { } negative })
            return $"AgencyEvaluation:Weights:{negative} must not be negative.";
        if (Indicators.All.All(i => WeightOf(i) == 0))
            return "AgencyEvaluation:Weights gives every indicator weight 0.";
        if (FeedbackPassRate is < 0 or > 100 || FeedbackGoodRate is < 0 or > 100 || FeedbackPassRate > FeedbackGoodRate)
            return "AgencyEvaluation:FeedbackPassRate and FeedbackGoodRate must be percentages, the pass rate not above the good one.";
        if (ExplanationsGoodRequests < 0 || ExplanationsPassLate < 0)
            return "AgencyEvaluation:ExplanationsGoodRequests and ExplanationsPassLate must not be negative.";
        if (PassFrom is < 0 or > 2 || GoodFrom is < 0 or > 2 || PassFrom > GoodFrom)
            return "AgencyEvaluation:PassFrom and GoodFrom must be between 0 and 2, PassFrom not above GoodFrom.";
        return null;
    }
}
