using Dossiers.Engine.Evaluations;

namespace Dossiers.Tests.Evaluations;

/// <summary>
/// March 2026's citizen evaluations, computed by hand. Centres A (Kon Tum) and B (Cẩm Thành) received the dossiers;
/// P (police) and T (another unit) did steps. Scores: contacts 0→2, 1→1, more→0; agencies ≤1→2, 2→1, more→0;
/// attitude and satisfaction 2/1/0 from the best answer down.
/// <code>
///      centre steps  contacts agencies attitude       satisfaction    when (+07:00)
/// E1   A      P      0 (2)    1 (2)    courteous (2)  very satisfied  01/03 00:00  (the first instant of the month)
/// E2   A      P, T   1 (1)    2 (1)    adequate (1)   satisfied       10/03 09:00
/// E3   A      —      3 (0)    3 (0)    discourt. (0)  not satisfied   15/03 14:00
/// E4   B      P      0 (2)    0 (2)    courteous (2)  satisfied       20/03 10:00
/// E5   B      T      2 (0)    1 (2)    adequate (1)   not satisfied   31/03 23:30  (the last half hour)
/// out  A      P      …                                very satisfied  01/04 00:10, and 28/02 23:59
/// </code>
/// Province (E1–E5): 5; very satisfied 1, satisfied 2, not 2 → 60.0 %; contacts 2/1/2 avg 1.00; agencies 3/1/1 avg 1.40;
/// attitude 2/2/1 avg 1.20. A (E1–E3): 1/1/1 → 66.7 %; each indicator 1/1/1 avg 1.00. B (E4, E5): 0/1/1 → 50.0 %;
/// contacts 1/0/1 avg 1.00; agencies 2/0/0 avg 2.00; attitude 1/1/0 avg 1.50. P (E1, E2, E4): 1/2/0 → 100.0 %; every
/// indicator 2/1/0 avg 1.67. T (E2, E5): 0/1/1 → 50.0 %; contacts 0/1/1 avg 0.50; agencies 1/1/0 avg 1.50; attitude
/// 0/2/0 avg 1.00.
/// </summary>
public static class EvaluationMonth
{
    public const string A = "057.01.90.H48", B = "004.01.90.H48", P = "057.02.90.H48", T = "057.05.90.H48";
    public static readonly DateTimeOffset From = new(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset To = new(2026, 4, 1, 0, 0, 0, TimeSpan.FromHours(7));

    public static IReadOnlyList<ServiceEvaluated> Events() =>
    [
        Evaluated(A, [P], 0, 1, Attitude.Courteous, Satisfaction.VerySatisfied, At(1, 3, 0, 0)),
        Evaluated(A, [P, T], 1, 2, Attitude.Adequate, Satisfaction.Satisfied, At(10, 3, 9, 0)),
        Evaluated(A, [], 3, 3, Attitude.Discourteous, Satisfaction.NotSatisfied, At(15, 3, 14, 0)),
        Evaluated(B, [P], 0, 0, Attitude.Courteous, Satisfaction.Satisfied, At(20, 3, 10, 0)),
        Evaluated(B, [T], 2, 1, Attitude.Adequate, Satisfaction.NotSatisfied, At(31, 3, 23, 30)),
        Evaluated(A, [P], 0, 1, Attitude.Courteous, Satisfaction.VerySatisfied, At(1, 4, 0, 10)),
        Evaluated(A, [P], 0, 1, Attitude.Courteous, Satisfaction.VerySatisfied, At(28, 2, 23, 59)),
    ];

    private static ServiceEvaluated Evaluated(string centre, string[] steps, int contacts, int agencies, Attitude attitude, Satisfaction satisfaction,
        DateTimeOffset at)
    {
        var dossier = Guid.NewGuid();
        return new ServiceEvaluated(EvaluationDecider.StreamIdFor(dossier), dossier, "1.004194", centre, steps, contacts,
            EvaluationScale.ContactsScore(contacts), agencies, EvaluationScale.AgenciesScore(agencies), attitude, EvaluationScale.Score(attitude),
            satisfaction, EvaluationScale.Score(satisfaction), null, at.AddDays(-1), at);
    }

    private static DateTimeOffset At(int day, int month, int hour, int minute) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));
}
