using Dossiers.Engine.Control.Feedback;

namespace Dossiers.Projections.Feedback;

/// <summary>
/// QĐ 766 indicator "PAKN handled on time" for one agency (or the province, <paramref name="Agency"/> null): of the
/// feedback received in the period, how many were handled (refused or answered) on time or late, how many are still
/// open and, of those, overdue; the on-time share; and how many were published, late or not.
/// </summary>
/// <param name="OnTimeRate">Percent, one decimal: handled on time ÷ (handled + overdue); null when none is judged yet.</param>
public sealed record FeedbackFigures(string? Agency, int Received, int HandledOnTime, int HandledLate, int Open, int Overdue, decimal? OnTimeRate,
    int Published, int PublishedLate);

public sealed record FeedbackFiguresReport(DateTimeOffset From, DateTimeOffset To, DateTimeOffset AsOf, string? Agency, FeedbackFigures Province,
    IReadOnlyList<FeedbackFigures> Agencies);

/// <summary>
/// The pure figures function for citizen feedback (docs/control.md, "Citizen feedback (PAKN)"): no clock, no store;
/// the same list and instants give the same figures. The reports and the agency evaluation call it.
/// <list type="bullet">
/// <item>Counted: feedback received in [from, to). Judged as of <c>at</c> = the earlier of <c>to</c> and <c>asOf</c>
/// (the caller's now), with each feedback's due times as its events set them.</item>
/// <item>Handled: refused or answered before <c>at</c>. On time when its response kept its own deadline: a refusal
/// within the refusal window (unless a supplement had been asked for), a supplement request within its window, an
/// answer within the resolution deadline (supplement time left out), and no resolution miss recorded. Otherwise late.</item>
/// <item>Open: not handled before <c>at</c>; overdue when its resolution deadline is before <c>at</c> (one waiting for
/// the citizen's supplement has its clock stopped and is not overdue).</item>
/// <item>The agency of a feedback is the one it is assigned to, else its receiving centre; one with neither counts
/// only for the province.</item>
/// </list>
/// </summary>
public static class FeedbackIndicator
{
    private static readonly FeedbackDeadline[] Responses = [FeedbackDeadline.Refusal, FeedbackDeadline.SupplementRequest, FeedbackDeadline.Resolution];

    public static FeedbackFiguresReport Compute(IEnumerable<CitizenFeedback> feedback, DateTimeOffset from, DateTimeOffset to, DateTimeOffset asOf,
        string? agency = null)
    {
        var at = asOf < to ? asOf : to;
        var received = feedback.Where(f => f.ReceivedAt >= from && f.ReceivedAt < to).ToList();
        var byAgency = received.Where(f => AgencyOf(f) is not null).GroupBy(f => AgencyOf(f)!)
            .Where(g => agency is null || g.Key == agency)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(g.Key, g, at))
            .ToList();
        return new FeedbackFiguresReport(from, to, at, agency,
            Figures(null, received.Where(f => agency is null || AgencyOf(f) == agency), at), byAgency);
    }

    /// <summary>The agency a feedback is counted for: the one it is assigned to, else its receiving centre.</summary>
    public static string? AgencyOf(CitizenFeedback f) => f.AssignedAgency ?? f.ReceivingCentre;

    /// <summary>Handled (refused or answered) before <paramref name="at"/>, and whether it kept its response deadlines.</summary>
    public static bool HandledOnTime(CitizenFeedback f) =>
        !f.LateActs.Any(Responses.Contains) && !f.Missed.Contains(FeedbackDeadline.Resolution);

    private static FeedbackFigures Figures(string? agency, IEnumerable<CitizenFeedback> feedback, DateTimeOffset at)
    {
        var list = feedback.ToList();
        var handled = list.Where(f => f.HandledAt is { } h && h < at).ToList();
        var open = list.Except(handled).ToList();
        var onTime = handled.Count(HandledOnTime);
        var overdue = open.Count(f => f.ResolveBy is { } due && due < at);
        var published = list.Where(f => f.PublishedAt is { } p && p < at).ToList();
        var judged = handled.Count + overdue;
        return new FeedbackFigures(agency, list.Count, onTime, handled.Count - onTime, open.Count, overdue,
            judged == 0 ? null : Math.Round(100m * onTime / judged, 1, MidpointRounding.AwayFromZero),
            published.Count, published.Count(f => f.LateActs.Contains(FeedbackDeadline.Publication) || f.Missed.Contains(FeedbackDeadline.Publication)));
    }
}
