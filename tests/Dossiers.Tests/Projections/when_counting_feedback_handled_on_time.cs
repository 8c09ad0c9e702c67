using Dossiers.Engine.Control.Feedback;
using Dossiers.Projections.Feedback;

namespace Dossiers.Tests.Projections;

/// <summary>QĐ 766 "PAKN handled on time" over April 2026, from nine feedback documents counted by hand.</summary>
public class when_counting_feedback_handled_on_time
{
    private const string Police = "P1", Centre = "D1";
    private static readonly DateTimeOffset From = Day(4, 1), To = Day(5, 1);

    private static DateTimeOffset Day(int month, int day, int hour = 9) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(7));

    private static CitizenFeedback Feedback(int n, DateTimeOffset received, FeedbackStatus status, string? centre = Centre, string? agency = null,
        DateTimeOffset? resolveBy = null, DateTimeOffset? answered = null, DateTimeOffset? refused = null, DateTimeOffset? published = null,
        FeedbackDeadline[]? late = null, FeedbackDeadline[]? missed = null) => new()
    {
        Id = new Guid($"0193f000-0000-7000-8000-{n:D12}"), ReceivedAt = received, Status = status, ReceivingCentre = centre, AssignedAgency = agency,
        ResolveBy = resolveBy, AnsweredAt = answered, RefusedAt = refused, PublishedAt = published, LateActs = late ?? [], Missed = missed ?? [],
        ProcedureCode = "1.004194", Subject = "s", Content = "c",
    };

    private static readonly CitizenFeedback[] April =
    [
        // 1: answered in time, published in time.
        Feedback(1, Day(4, 2), FeedbackStatus.Published, agency: Police, answered: Day(4, 10), published: Day(4, 13)),
        // 2: answered after its resolution deadline, published late too.
        Feedback(2, Day(4, 3), FeedbackStatus.Published, agency: Police, answered: Day(4, 28), published: Day(4, 30),
            late: [FeedbackDeadline.Resolution, FeedbackDeadline.Publication]),
        // 3: refused by the centre within its window.
        Feedback(3, Day(4, 6), FeedbackStatus.Refused, refused: Day(4, 7)),
        // 4: at the agency, due after the period: open, not overdue.
        Feedback(4, Day(4, 20), FeedbackStatus.Assigned, agency: Police, resolveBy: Day(5, 12)),
        // 5: never decided at the centre, resolution passed on 22/04: open and overdue.
        Feedback(5, Day(4, 1), FeedbackStatus.Received, resolveBy: Day(4, 22),
            missed: [FeedbackDeadline.Refusal, FeedbackDeadline.SupplementRequest, FeedbackDeadline.Resolution]),
        // 6: waiting for the citizen's supplement: the clock is stopped, not overdue.
        Feedback(6, Day(4, 10), FeedbackStatus.AwaitingSupplement),
        // 7: received in March: not counted.
        Feedback(7, Day(3, 15), FeedbackStatus.Published, agency: Police, answered: Day(3, 20), published: Day(3, 21)),
        // 8: answered on 05/05, after the period: open at its end, due 15/05, not overdue.
        Feedback(8, Day(4, 25), FeedbackStatus.Answered, agency: Police, resolveBy: Day(5, 15), answered: Day(5, 5)),
        // 9: sent online about a procedure only (no centre, no agency), overdue since 29/04: the province's alone.
        Feedback(9, Day(4, 8), FeedbackStatus.Received, centre: null, resolveBy: Day(4, 29)),
    ];

    [Fact]
    public void the_province_counts_every_feedback_received_in_the_period()
    {
        var report = FeedbackIndicator.Compute(April, From, To, asOf: Day(5, 10));

        report.AsOf.ShouldBe(To);
        // Handled 1, 2, 3 (on time 1 and 3); open 4, 5, 6, 8, 9 (overdue 5 and 9); 2 / (3 + 2) = 40 %.
        report.Province.ShouldBe(new FeedbackFigures(null, Received: 8, HandledOnTime: 2, HandledLate: 1, Open: 5, Overdue: 2, OnTimeRate: 40.0m,
            Published: 2, PublishedLate: 1));
    }

    [Fact]
    public void each_agency_counts_what_it_was_assigned_or_else_what_its_centre_received()
    {
        var report = FeedbackIndicator.Compute(April, From, To, asOf: Day(5, 10));

        report.Agencies.ShouldBe([
            new FeedbackFigures(Centre, Received: 3, HandledOnTime: 1, HandledLate: 0, Open: 2, Overdue: 1, OnTimeRate: 50.0m, Published: 0, PublishedLate: 0),
            new FeedbackFigures(Police, Received: 4, HandledOnTime: 1, HandledLate: 1, Open: 2, Overdue: 0, OnTimeRate: 50.0m, Published: 2, PublishedLate: 1),
        ]);
    }

    [Fact]
    public void one_agency_alone_and_a_period_judged_before_its_end()
    {
        var police = FeedbackIndicator.Compute(April, From, To, asOf: Day(5, 10), agency: Police);
        police.Agencies.ShouldHaveSingleItem().Agency.ShouldBe(Police);
        (police.Province with { Agency = Police }).ShouldBe(police.Agencies[0]);

        // Judged on 25/04 12:00: 1 and 3 are handled; 2 (answered 28/04) is still open; only 5 is past its due time
        // (9 is due 29/04); only 1 is published.
        var early = FeedbackIndicator.Compute(April, From, To, asOf: Day(4, 25, 12));
        early.AsOf.ShouldBe(Day(4, 25, 12));
        (early.Province.HandledOnTime, early.Province.HandledLate, early.Province.Overdue, early.Province.Published).ShouldBe((2, 0, 1, 1));
    }

    [Fact]
    public void nothing_judged_gives_no_rate()
    {
        FeedbackIndicator.Compute([], From, To, Day(5, 10)).Province.OnTimeRate.ShouldBeNull();
    }
}
