using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Projections.Sla;

/// <summary>QĐ 766 indicators 2.1 and 2.2 and TT 01/2018 indicator 1 for a set of dossiers.</summary>
public sealed record DossierScores(
    int Dossiers,
    int OnTime,
    int Late,
    decimal? OnTimeRate,
    int Finished,
    decimal? AverageHandlingDays,
    int Early,
    int FinishedOnTime,
    int FinishedLate,
    decimal? AverageScore);

/// <summary>TT 01/2018 indicator 2: each step against its allotment, scored 2 (early), 1 (on time), 0 (late).</summary>
public sealed record StepScores(int Steps, int Early, int OnTime, int Late, decimal? AverageScore);

public sealed record AgencyScores(string Agency, DossierScores Dossiers, StepScores Steps);

public sealed record OfficerScores(string User, string Agency, StepScores Steps);

/// <summary>
/// Online dossiers submitted in the period at one receiving centre (or the province, <paramref name="Centre"/> null),
/// against the online intake deadline: answered (accepted, refused, sent back for supplement) on time or late, still
/// unanswered past it (overdue), or still within it (waiting). <see cref="Late"/> is the late online intakes.
/// </summary>
public sealed record OnlineIntakeScores(string? Centre, int Submitted, int AnsweredOnTime, int AnsweredLate, int Overdue, int Waiting)
{
    public int Late => AnsweredLate + Overdue;
}

/// <summary>
/// QĐ 766 indicator 1.4 at one receiving centre (or the province, <paramref name="Centre"/> null): of the dossiers
/// received in the period (accepted by a desk), how many the national portal holds (it acknowledged their record).
/// </summary>
public sealed record PortalSyncScores(string? Centre, int Received, int Synced)
{
    /// <summary>Percent, one decimal; none when nothing was received.</summary>
    public double? Rate => Received == 0 ? null : Math.Round(100.0 * Synced / Received, 1);
}

public sealed record ScorecardReport(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Agency,
    DossierScores Province,
    StepScores ProvinceSteps,
    IReadOnlyList<AgencyScores> Agencies,
    IReadOnlyList<OfficerScores> Officers,
    OnlineIntakeScores? OnlineIntake = null,
    IReadOnlyList<OnlineIntakeScores>? OnlineIntakeByCentre = null,
    PortalSyncScores? PortalSync = null,
    IReadOnlyList<PortalSyncScores>? PortalSyncByCentre = null);

/// <summary>
/// The province's scorecard over a period [from, to). Rules (docs/domain.md §6):
/// <list type="bullet">
/// <item>2.1 counts dossiers received, or still being handled, in the period. A dossier's end is when it reached its
/// result (DVCQG 9), was stopped, withdrawn or refused; one not finished by the period's end ends then — or, while it
/// waits for the applicant or a payment, at the moment that wait began (the applicant's time is not the agency's).</item>
/// <item>On time ⇔ end ≤ the legal due time, which pauses extend and an apology does not; more than one supplement
/// request during processing is late whatever the times say.</item>
/// <item>2.2 averages the handling time (office time, pauses left out) of dossiers that reached a result in the period.</item>
/// <item>TT 01 indicator 1 scores each dossier that reached its result in the period 2/1/0 (early/on time/late);
/// indicator 2 scores each step completed in the period against its budget, per agency and per officer.</item>
/// </list>
/// </summary>
public static class Scorecard
{
    /// <param name="online">Online dossiers submitted in the period (their intake is scored separately, by receiving centre).</param>
    public static ScorecardReport Compute(IReadOnlyList<DossierSla> dossiers, DateTimeOffset from, DateTimeOffset to, string? agency = null,
        IReadOnlyList<DossierSla>? online = null)
    {
        var inPeriod = dossiers.Where(d => d.AcceptedAt is { } accepted && accepted < to && (d.EndedAt is null || d.EndedAt >= from)).ToList();
        var steps = inPeriod.SelectMany(d => d.Steps).Where(s => s.CompletedAt is { } done && done >= from && done < to && s.Timeliness is not null).ToList();

        var byAgency = inPeriod.Select(d => d.ReceivingAgency!).Concat(steps.Select(s => s.Agency)).Distinct().Order(StringComparer.Ordinal)
            .Where(a => agency is null || a == agency)
            .Select(a => new AgencyScores(a, Dossiers(inPeriod.Where(d => d.ReceivingAgency == a), from, to), Steps(steps.Where(s => s.Agency == a))))
            .ToList();
        var officers = steps.Where(s => agency is null || s.Agency == agency)
            .GroupBy(s => (s.CompletedBy!, s.Agency))
            .OrderBy(g => g.Key.Item2, StringComparer.Ordinal).ThenBy(g => g.Key.Item1, StringComparer.Ordinal)
            .Select(g => new OfficerScores(g.Key.Item1, g.Key.Item2, Steps(g)))
            .ToList();

        var intakes = (online ?? []).Where(d => d.AcceptanceDueAt is not null && d.SubmittedAt >= from && d.SubmittedAt < to
                                               && (agency is null || d.ReceivingAgency == agency)).ToList();
        return new ScorecardReport(from, to, agency,
            Dossiers(inPeriod.Where(d => agency is null || d.ReceivingAgency == agency), from, to),
            Steps(steps.Where(s => agency is null || s.Agency == agency)), byAgency, officers,
            OnlineIntakes(null, intakes),
            [.. intakes.GroupBy(d => d.ReceivingAgency ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => OnlineIntakes(g.Key, g))]);
    }

    /// <summary>The online intake rule (docs/deadlines.md): each dossier counted once, as its events decided it.</summary>
    public static OnlineIntakeScores OnlineIntakes(string? centre, IEnumerable<DossierSla> online)
    {
        var list = online.ToList();
        var answered = list.Where(d => d.IntakeAnsweredAt is not null).ToList();
        var unanswered = list.Where(d => d.IntakeAnsweredAt is null).ToList();
        return new OnlineIntakeScores(centre, list.Count,
            answered.Count(d => !d.IntakeLate), answered.Count(d => d.IntakeLate),
            unanswered.Count(d => d.IntakeOverdue), unanswered.Count(d => !d.IntakeOverdue && d.EndedAt is null));
    }

    private static DossierScores Dossiers(IEnumerable<DossierSla> dossiers, DateTimeOffset from, DateTimeOffset to)
    {
        var list = dossiers.ToList();
        var onTime = list.Count(d => IsOnTime(d, to));
        var finished = list.Where(d => d.End == DossierEnd.Resolved && d.EndedAt >= from && d.EndedAt < to).ToList();
        var scores = finished.Select(Score).ToList();
        return new DossierScores(
            list.Count, onTime, list.Count - onTime, Rate(onTime, list.Count),
            finished.Count,
            finished.Count == 0 ? null : Math.Round((decimal)finished.Average(d => d.HandlingTime!.Value.TotalHours) / 8m, 2, MidpointRounding.AwayFromZero),
            scores.Count(s => s == 2), scores.Count(s => s == 1), scores.Count(s => s == 0),
            scores.Count == 0 ? null : Math.Round((decimal)scores.Average(), 2, MidpointRounding.AwayFromZero));
    }

    public static bool IsOnTime(DossierSla dossier, DateTimeOffset periodEnd)
    {
        if (dossier.LateForScoring || dossier.SupplementRequests > 1) return false;
        var end = dossier.EndedAt is { } ended && ended < periodEnd ? ended
            : dossier.Paused && dossier.PausedSince is { } since ? since
            : periodEnd;
        return end <= dossier.LegalDueAt;
    }

    /// <summary>TT 01 indicator 1 for a dossier that reached its result.</summary>
    public static int Score(DossierSla dossier) =>
        dossier.LateForScoring || dossier.SupplementRequests > 1 ? 0 : Score(dossier.LegalTimeliness!.Value);

    public static int Score(Timeliness timeliness) => timeliness switch { Timeliness.Early => 2, Timeliness.OnTime => 1, _ => 0 };

    private static StepScores Steps(IEnumerable<StepSla> steps)
    {
        var scores = steps.Select(s => Score(s.Timeliness!.Value)).ToList();
        return new StepScores(scores.Count, scores.Count(s => s == 2), scores.Count(s => s == 1), scores.Count(s => s == 0),
            scores.Count == 0 ? null : Math.Round((decimal)scores.Average(), 2, MidpointRounding.AwayFromZero));
    }

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>Received in the period: accepted at a desk within it (of one receiving centre, when given).</summary>
    public static bool ReceivedIn(DossierSla dossier, DateTimeOffset from, DateTimeOffset to, string? centre) =>
        dossier.AcceptedAt >= from && dossier.AcceptedAt < to && (string.IsNullOrWhiteSpace(centre) || dossier.ReceivingAgency == centre);

    /// <summary>Indicator 1.4 from the dossiers received in the period and those of them the portal holds.</summary>
    public static (PortalSyncScores Province, IReadOnlyList<PortalSyncScores> ByCentre) PortalSync(
        IReadOnlyList<(Guid Id, string? Centre)> received, IReadOnlySet<Guid> synced) =>
        (new PortalSyncScores(null, received.Count, received.Count(r => synced.Contains(r.Id))),
         [.. received.GroupBy(r => r.Centre ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
             .Select(g => new PortalSyncScores(g.Key, g.Count(), g.Count(r => synced.Contains(r.Id))))]);
}
