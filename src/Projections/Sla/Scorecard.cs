using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Projections.Sla;

/// <summary>
/// QĐ 766 indicators 2.1 and 2.2, TT 01/2018 indicator 1 and the counts the reports print, for a set of dossiers.
/// <see cref="Basis"/> names which dossiers are counted (a <see cref="ScoringBasis"/>). Every dossier is in exactly one
/// of <see cref="OnTime"/>, <see cref="Late"/>, <see cref="InProgress"/> (2.1, the rate leaves in-progress ones out) and
/// in exactly one of <see cref="Finished"/>, <see cref="Withdrawn"/>, <see cref="Stopped"/>, <see cref="InProgress"/>,
/// <see cref="Overdue"/> (where it stood at the cut-off); <see cref="Dossiers"/> = <see cref="CarriedOver"/> + <see cref="Received"/>.
/// </summary>
public sealed record DossierScores(
    string Basis,
    int Dossiers,
    int CarriedOver,
    int Received,
    int OnTime,
    int Late,
    int InProgress,
    decimal? OnTimeRate,
    int Finished,
    decimal? AverageHandlingDays,
    int Early,
    int FinishedOnTime,
    int FinishedLate,
    decimal? AverageScore,
    int Withdrawn,
    int Stopped,
    int Overdue);

/// <summary>Which dossiers a <see cref="DossierScores"/> counts (docs/reports.md).</summary>
public static class ScoringBasis
{
    /// <summary>Every dossier of the province once.</summary>
    public const string Province = "province";
    /// <summary>Every dossier received or handled by one of the agencies the filter selects, once.</summary>
    public const string SelectedAgencies = "selected-agencies";
    /// <summary>The dossiers the agency's desk received (its dossier codes, its register).</summary>
    public const string ReceivedAt = "received-at";
    /// <summary>The dossiers in which the agency held a step before the cut-off (handed to it, whatever came of it).</summary>
    public const string HandledBy = "handled-by";
}

/// <summary>Where a dossier stood at the cut-off: ended in the period (three ways), or still unfinished and either not yet late or late.</summary>
public enum Standing { Resolved, Withdrawn, Stopped, InProgress, Overdue }

/// <summary>Indicator 2.1's verdict on a dossier at the cut-off; <see cref="InProgress"/> is neither on time nor late and stays out of the rate.</summary>
public enum Verdict { OnTime, Late, InProgress }

/// <summary>What the scorecard is narrowed to: one agency, one procedure, one level of the registry (null: all).</summary>
public sealed record ScorecardFilter(string? Agency = null, string? Procedure = null, string? Level = null)
{
    public bool SelectsAgencies => Agency is not null || Level is not null;
}

/// <summary>TT 01/2018 indicator 2: each step against its allotment, scored 2 (early), 1 (on time), 0 (late).</summary>
public sealed record StepScores(int Steps, int Early, int OnTime, int Late, decimal? AverageScore);

/// <summary>
/// One agency's figures. Dossier-level figures come twice, each under its rule: <see cref="Receiving"/> (received-at:
/// the dossiers its desk received) and <see cref="Handling"/> (handled-by: the dossiers in which it held a step). A
/// centre's desk that also holds the return step is in both. <see cref="Level"/> is the registry's (province, commune).
/// </summary>
public sealed record AgencyScores(string Agency, string? Level, DossierScores Receiving, DossierScores Handling, StepScores Steps);

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

/// <summary>
/// The scorecard of [<paramref name="From"/>, <paramref name="To"/>), read as the dossiers stood at <paramref name="CutOff"/>
/// (the period's end, or the moment it was computed while the period runs). <see cref="Province"/> counts each dossier
/// once (narrowed by the filter when it selects agencies).
/// </summary>
public sealed record ScorecardReport(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset CutOff,
    ScorecardFilter Filter,
    DossierScores Province,
    StepScores ProvinceSteps,
    IReadOnlyList<AgencyScores> Agencies,
    IReadOnlyList<OfficerScores> Officers,
    OnlineIntakeScores? OnlineIntake = null,
    IReadOnlyList<OnlineIntakeScores>? OnlineIntakeByCentre = null,
    PortalSyncScores? PortalSync = null,
    IReadOnlyList<PortalSyncScores>? PortalSyncByCentre = null);

/// <summary>
/// The province's scorecard over a period [from, to). Rules (docs/reports.md, docs/domain.md §6):
/// <list type="bullet">
/// <item>Everything is read at the cut-off: the period's end, or now while the period runs. Events after the cut-off
/// change nothing, so a month scores the same whenever it is computed (the dossier keeps the history of its legal
/// due time and pauses for that, <see cref="DossierSla.LegalClock"/>).</item>
/// <item>2.1 counts dossiers received, or still being handled, in the period. One that ended (result, DVCQG 9;
/// stop; withdrawal) before the cut-off is on time ⇔ its end ≤ the legal due time, which pauses extend and an apology
/// does not (ended while waiting for the applicant: the wait's start is its end). One unfinished at the cut-off is
/// late if its legal due time has passed (or passed before its current wait for the applicant began), otherwise
/// <see cref="Verdict.InProgress"/>: not late, not on time, out of the rate. More than one supplement request during
/// processing, or a recorded rule violation, is late whatever the times say.</item>
/// <item>2.2 averages the handling time (office time, pauses left out) of dossiers that reached a result in the period.</item>
/// <item>TT 01 indicator 1 scores each dossier that reached its result in the period 2/1/0 (early/on time/late);
/// indicator 2 scores each step completed in the period against its budget, per agency and per officer.</item>
/// <item>Per agency, dossier figures are credited under both rules of <see cref="ScoringBasis"/>; the province counts each dossier once.</item>
/// </list>
/// </summary>
public static class Scorecard
{
    /// <summary>The instant a period is read at: its end, or <paramref name="now"/> while it runs.</summary>
    public static DateTimeOffset CutOff(DateTimeOffset to, DateTimeOffset now) => now < to ? now : to;

    /// <param name="now">The moment of computing (the caller's clock): only used while the period has not ended.</param>
    /// <param name="online">Online dossiers submitted in the period (their intake is scored separately, by receiving centre).</param>
    /// <param name="levelOf">An agency's level in the registry (for <see cref="ScorecardFilter.Level"/> and the rows).</param>
    public static ScorecardReport Compute(IReadOnlyList<DossierSla> dossiers, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now,
        ScorecardFilter? filter = null, IReadOnlyList<DossierSla>? online = null, Func<string, string?>? levelOf = null)
    {
        filter ??= new ScorecardFilter();
        levelOf ??= _ => null;
        var cutOff = CutOff(to, now);
        bool Selected(string? agency) => agency is not null && (filter.Agency is null || agency == filter.Agency)
                                          && (filter.Level is null || levelOf(agency) == filter.Level);

        var inPeriod = dossiers.Where(d => d.AcceptedAt is { } accepted && accepted < cutOff && (d.EndedAt is null || d.EndedAt >= from)
                                           && (filter.Procedure is null || d.ProcedureCode == filter.Procedure)).ToList();
        var handlers = inPeriod.ToDictionary(d => d.Id, d => HandlersAt(d, cutOff));
        var steps = inPeriod.SelectMany(d => d.Steps).Where(s => s.CompletedAt is { } done && done >= from && done < cutOff && s.Timeliness is not null).ToList();

        var byAgency = inPeriod.Select(d => d.ReceivingAgency!).Concat(handlers.Values.SelectMany(h => h)).Concat(steps.Select(s => s.Agency))
            .Distinct().Order(StringComparer.Ordinal).Where(Selected)
            .Select(a => new AgencyScores(a, levelOf(a),
                Dossiers(ScoringBasis.ReceivedAt, inPeriod.Where(d => d.ReceivingAgency == a), from, cutOff),
                Dossiers(ScoringBasis.HandledBy, inPeriod.Where(d => handlers[d.Id].Contains(a)), from, cutOff),
                Steps(steps.Where(s => s.Agency == a))))
            .ToList();
        var officers = steps.Where(s => Selected(s.Agency))
            .GroupBy(s => (s.CompletedBy!, s.Agency))
            .OrderBy(g => g.Key.Item2, StringComparer.Ordinal).ThenBy(g => g.Key.Item1, StringComparer.Ordinal)
            .Select(g => new OfficerScores(g.Key.Item1, g.Key.Item2, Steps(g)))
            .ToList();
        var province = filter.SelectsAgencies
            ? Dossiers(ScoringBasis.SelectedAgencies, inPeriod.Where(d => Selected(d.ReceivingAgency) || handlers[d.Id].Any(Selected)), from, cutOff)
            : Dossiers(ScoringBasis.Province, inPeriod, from, cutOff);

        var intakes = (online ?? []).Where(d => d.AcceptanceDueAt is not null && d.SubmittedAt >= from && d.SubmittedAt < cutOff
                                               && (filter.Procedure is null || d.ProcedureCode == filter.Procedure)
                                               && (!filter.SelectsAgencies || Selected(d.ReceivingAgency))).ToList();
        return new ScorecardReport(from, to, cutOff, filter, province,
            Steps(steps.Where(s => !filter.SelectsAgencies || Selected(s.Agency))), byAgency, officers,
            OnlineIntakes(null, intakes, cutOff),
            [.. intakes.GroupBy(d => d.ReceivingAgency ?? "").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => OnlineIntakes(g.Key, g, cutOff))]);
    }

    /// <summary>
    /// The online intake rule (docs/deadlines.md): each dossier counted once, as its events decided it. With
    /// <paramref name="cutOff"/>, as it stood then: an answer after it does not count yet (the dossier was overdue or
    /// waiting at the cut-off); without, as it stands now (the board).
    /// </summary>
    public static OnlineIntakeScores OnlineIntakes(string? centre, IEnumerable<DossierSla> online, DateTimeOffset? cutOff = null)
    {
        var list = online.ToList();
        if (cutOff is { } at)
        {
            var answeredBy = list.Where(d => d.IntakeAnsweredAt < at).ToList();
            var open = list.Where(d => d.IntakeAnsweredAt is null || d.IntakeAnsweredAt >= at).ToList();
            return new OnlineIntakeScores(centre, list.Count,
                answeredBy.Count(d => !d.IntakeLate), answeredBy.Count(d => d.IntakeLate),
                open.Count(d => d.AcceptanceDueAt < at && (d.EndedAt is null || d.EndedAt > d.AcceptanceDueAt)),
                open.Count(d => d.AcceptanceDueAt >= at && (d.EndedAt is null || d.EndedAt >= at)));
        }
        var answered = list.Where(d => d.IntakeAnsweredAt is not null).ToList();
        var unanswered = list.Where(d => d.IntakeAnsweredAt is null).ToList();
        return new OnlineIntakeScores(centre, list.Count,
            answered.Count(d => !d.IntakeLate), answered.Count(d => d.IntakeLate),
            unanswered.Count(d => d.IntakeOverdue), unanswered.Count(d => !d.IntakeOverdue && d.EndedAt is null));
    }

    /// <summary>The agencies that held a step of the dossier before the cut-off (the handled-by rule).</summary>
    public static IReadOnlySet<string> HandlersAt(DossierSla dossier, DateTimeOffset cutOff) =>
        dossier.Steps.Where(s => s.ActivatedAt < cutOff).Select(s => s.Agency).ToHashSet(StringComparer.Ordinal);

    private static DossierScores Dossiers(string basis, IEnumerable<DossierSla> dossiers, DateTimeOffset from, DateTimeOffset cutOff)
    {
        var list = dossiers.ToList();
        var verdicts = list.Select(d => VerdictAt(d, cutOff)).ToList();
        var standings = list.Select(d => StandingAt(d, cutOff)).ToList();
        var (onTime, late) = (verdicts.Count(v => v == Verdict.OnTime), verdicts.Count(v => v == Verdict.Late));
        var finished = list.Where(d => d.End == DossierEnd.Resolved && d.EndedAt >= from && d.EndedAt < cutOff).ToList();
        var scores = finished.Select(Score).ToList();
        return new DossierScores(basis,
            list.Count, list.Count(d => d.AcceptedAt < from), list.Count(d => d.AcceptedAt >= from),
            onTime, late, verdicts.Count(v => v == Verdict.InProgress), Rate(onTime, onTime + late),
            finished.Count,
            finished.Count == 0 ? null : Math.Round((decimal)finished.Average(d => d.HandlingTime!.Value.TotalHours) / 8m, 2, MidpointRounding.AwayFromZero),
            scores.Count(s => s == 2), scores.Count(s => s == 1), scores.Count(s => s == 0),
            scores.Count == 0 ? null : Math.Round((decimal)scores.Average(), 2, MidpointRounding.AwayFromZero),
            standings.Count(s => s == Standing.Withdrawn), standings.Count(s => s == Standing.Stopped), standings.Count(s => s == Standing.Overdue));
    }

    /// <summary>Where the dossier stood at <paramref name="cutOff"/>: how it ended before then, or unfinished and late or not yet.</summary>
    public static Standing StandingAt(DossierSla dossier, DateTimeOffset cutOff) =>
        dossier.EndedAt < cutOff
            ? dossier.End switch { DossierEnd.Resolved => Standing.Resolved, DossierEnd.Withdrawn => Standing.Withdrawn, _ => Standing.Stopped }
            : VerdictAt(dossier, cutOff) == Verdict.Late ? Standing.Overdue : Standing.InProgress;

    /// <summary>Indicator 2.1 for one dossier, read as it stood at <paramref name="cutOff"/> (the rules above).</summary>
    public static Verdict VerdictAt(DossierSla dossier, DateTimeOffset cutOff)
    {
        if (dossier.EndedAt is { } ended && ended < cutOff)
        {
            // Nothing is requested or recorded after a dossier's end, so its current counts are those at its end.
            if (dossier.LateForScoring || dossier.SupplementRequests > 1) return Verdict.Late;
            var (dueAtEnd, waitingSince) = LegalClockAt(dossier, m => m.At <= ended);
            return (waitingSince ?? ended) <= dueAtEnd ? Verdict.OnTime : Verdict.Late;
        }
        if (dossier.LateForScoringSince < cutOff || RequestsBefore(dossier, cutOff) > 1) return Verdict.Late;
        var (legalDue, pausedSince) = LegalClockAt(dossier, m => m.At < cutOff);
        var notLateYet = pausedSince is { } since ? since <= legalDue : legalDue >= cutOff;
        return notLateYet ? Verdict.InProgress : Verdict.Late;
    }

    private static int RequestsBefore(DossierSla dossier, DateTimeOffset cutOff) =>
        dossier.SupplementRequestedAt.Count == 0 && dossier.LegalClock.Count == 0
            ? dossier.SupplementRequests   // folded before the history was kept, as above
            : dossier.SupplementRequestedAt.Count(at => at < cutOff);

    /// <summary>The legal due time and the start of the wait for the applicant then running, at the last moment <paramref name="by"/> admits.</summary>
    private static (DateTimeOffset? LegalDueAt, DateTimeOffset? PausedSince) LegalClockAt(DossierSla dossier, Func<LegalClockMoment, bool> by)
    {
        // A document folded before the history was kept: as it stands (the rebuild verb restores the history).
        if (dossier.LegalClock.Count == 0) return (dossier.LegalDueAt, dossier.Paused ? dossier.PausedSince : null);
        var moment = dossier.LegalClock.LastOrDefault(by) ?? dossier.LegalClock[0];
        return (moment.LegalDueAt, moment.PausedSince);
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

    /// <summary>Indicator 1.4 from the dossiers received in the period and those of them the portal holds.</summary>
    public static (PortalSyncScores Province, IReadOnlyList<PortalSyncScores> ByCentre) PortalSync(
        IReadOnlyList<(Guid Id, string? Centre)> received, IReadOnlySet<Guid> synced) =>
        (new PortalSyncScores(null, received.Count, received.Count(r => synced.Contains(r.Id))),
         [.. received.GroupBy(r => r.Centre ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
             .Select(g => new PortalSyncScores(g.Key, g.Count(), g.Count(r => synced.Contains(r.Id))))]);
}
