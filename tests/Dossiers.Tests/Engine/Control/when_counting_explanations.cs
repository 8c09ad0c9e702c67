using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Projections.Explanations;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Control;

/// <summary>
/// The figures of a hand-counted March 2026, as of Tue 31/03 17:00 (the register's instant for a period that has ended
/// is its end; the test gives it). Agency A: 1 on time, 1 late, 1 overdue unanswered, 1 answered after the instant
/// (so still overdue then), 1 open. Agency B: 1 on time, 1 open. One request of February and one of April are outside.
/// </summary>
public class when_counting_explanations
{
    private static readonly DateTimeOffset From = At(1, 3, 0), To = At(1, 4, 0);
    private static readonly DateTimeOffset AsOf = At(31, 3, 17, 0);
    private static readonly Actor Officer = new("officer", "officer", "A");

    private static Explanation Asked(string agency, DateTimeOffset at, DateTimeOffset due, DateTimeOffset? answeredAt = null) =>
        new Explanation(Guid.NewGuid(), Guid.NewGuid(), "X", "1.000001", null, null, agency, at, null, Budget.WorkingDays(2), due, "v", Officer, at)
        {
            Answer = answeredAt is { } when ? new LateCauseAnswer("missing-staff", null, "x", when > due, Officer, when) : null,
        };

    private static readonly Explanation[] March =
    [
        Asked("A", At(2, 3, 9), due: At(4, 3, 9), answeredAt: At(3, 3, 9)),      // on time
        Asked("A", At(5, 3, 9), due: At(9, 3, 9), answeredAt: At(10, 3, 9)),     // late
        Asked("A", At(10, 3, 9), due: At(12, 3, 9)),                              // overdue, never answered
        Asked("A", At(26, 3, 9), due: At(30, 3, 9), answeredAt: At(2, 4, 9)),    // answered after the instant: overdue as of it
        Asked("A", At(31, 3, 9), due: At(2, 4, 9)),                               // open: due after the instant
        Asked("B", At(16, 3, 9), due: At(18, 3, 9), answeredAt: At(18, 3, 9)),   // on time, exactly at the deadline
        Asked("B", At(31, 3, 16), due: At(2, 4, 16)),                             // open
        Asked("A", At(27, 2, 9), due: At(3, 3, 9)),                               // February: not counted
        Asked("B", At(1, 4, 0), due: At(3, 4, 9)),                                // April: not counted
    ];

    [Fact]
    public void each_agency_counts_requested_answered_on_time_late_overdue_and_open()
    {
        ExplanationCount.PerAgency(March, From, To, AsOf).ShouldBe(
        [
            new ExplanationFigures("A", Requested: 5, AnsweredOnTime: 1, AnsweredLate: 1, OverdueUnanswered: 2, Open: 1),
            new ExplanationFigures("B", Requested: 2, AnsweredOnTime: 1, AnsweredLate: 0, OverdueUnanswered: 0, Open: 1),
        ]);
        ExplanationCount.Total(March, From, To, AsOf).ShouldBe(new ExplanationFigures(null, 7, 2, 1, 2, 2));
        ExplanationCount.Total(March, From, To, AsOf).Late.ShouldBe(3);
    }

    [Fact]
    public void one_agency_and_a_later_instant_count_what_happened_since()
    {
        ExplanationCount.PerAgency(March, From, To, AsOf, agency: "B").ShouldHaveSingleItem().Agency.ShouldBe("B");
        // On 03/04 the answer of 02/04 is in (late), and the open request of A is overdue.
        ExplanationCount.Total(March, From, To, At(3, 4, 9), agency: "A")
            .ShouldBe(new ExplanationFigures("A", Requested: 5, AnsweredOnTime: 1, AnsweredLate: 2, OverdueUnanswered: 2, Open: 0));
    }
}
