namespace Dossiers.Engine.Evaluations;

/// <summary>
/// The scale a citizen's answers are scored on: TT 01/2018 scores each indicator 2 (good), 1 (acceptable) or 0 (poor),
/// like indicators 1 and 2 the scorecard computes, so the figures of all indicators read alike.
/// <list type="bullet">
/// <item>Indicator 3, times the citizen had to contact the desk to complete the dossier (online included): none 2,
/// once 1, more 0. TT 01 excludes contacts that were the applicant's own fault; a citizen's self-report cannot say
/// which were, so every contact counts.</item>
/// <item>Indicator 4, agencies the citizen had to contact to complete it: one (or none, all online) 2, two 1, more 0.</item>
/// <item>Indicator 7, the officials' attitude: courteous 2, adequate 1, discourteous 0.</item>
/// <item>Overall satisfaction (QĐ 766 group 5): very satisfied 2, satisfied 1, not satisfied 0. Very satisfied and
/// satisfied are "satisfied" in the satisfaction rate.</item>
/// </list>
/// </summary>
public static class EvaluationScale
{
    /// <summary>The most contacts or agencies a citizen may report: beyond it the answer is a typing error, not a count.</summary>
    public const int MaxCount = 50;

    /// <summary>The longest comment, in characters.</summary>
    public const int MaxComment = 1000;

    public static int ContactsScore(int times) => times switch { <= 0 => 2, 1 => 1, _ => 0 };

    public static int AgenciesScore(int agencies) => agencies switch { <= 1 => 2, 2 => 1, _ => 0 };

    public static int Score(Attitude attitude) => attitude switch
    {
        Attitude.Courteous => 2,
        Attitude.Adequate => 1,
        Attitude.Discourteous => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(attitude), attitude, null),
    };

    public static int Score(Satisfaction satisfaction) => satisfaction switch
    {
        Satisfaction.VerySatisfied => 2,
        Satisfaction.Satisfied => 1,
        Satisfaction.NotSatisfied => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(satisfaction), satisfaction, null),
    };

    /// <summary>Whether the answer counts as satisfied in the satisfaction rate.</summary>
    public static bool IsSatisfied(Satisfaction satisfaction) => satisfaction is Satisfaction.VerySatisfied or Satisfaction.Satisfied;
}
