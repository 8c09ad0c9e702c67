using System.Globalization;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Sla;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Sla;

public sealed record SlaItem(Guid Id, string? Code, string ProcedureCode, string? ReceivingAgency, DossierStatus Status, int DvcqgStatus,
    DateTimeOffset? DueAt, DateTimeOffset? OriginalDueAt, int Reschedules, int SupplementRequests, IReadOnlyList<StepSla> OpenSteps)
{
    public static SlaItem Of(DossierSla d) => new(d.Id, d.Code, d.ProcedureCode, d.ReceivingAgency, d.Status,
        global::Dossiers.Engine.Dossiers.DvcqgStatus.Of(d.Status), d.DueAt, d.OriginalDueAt, d.Reschedules, d.SupplementRequests,
        [.. d.Steps.Where(s => s.IsOpen)]);
}

public sealed record SlaBoard(DateTimeOffset AsOf, IReadOnlyList<SlaItem> Items);

/// <summary>An online dossier waiting for its receiving centre's desk (nothing personal: open it by its id).</summary>
public sealed record OnlineIntakeItem(Guid Id, string ProcedureCode, string? ReceivingAgency, string? PortalReference, DateTimeOffset SubmittedAt,
    DateTimeOffset AcceptanceDueAt, bool Overdue);

/// <summary>What each centre's desk still has to answer, and how many of those are past the online intake deadline.</summary>
public sealed record OnlineIntakeBoard(DateTimeOffset AsOf, IReadOnlyList<OnlineIntakeScores> Centres, IReadOnlyList<OnlineIntakeItem> Items);

/// <summary>
/// The boards officers work from and the scorecard the province is judged by. They read the asynchronous SLA
/// projection, so a change shows after the daemon catches up (normally well under a second).
/// </summary>
public static class SlaEndpoints
{
    /// <summary>Open dossiers past their appointment (not while paused), most overdue first.</summary>
    [WolverineGet("/api/sla/overdue"), Authorize(Roles = Roles.FigureReaders)]
    [ProducesResponseType<SlaBoard>(200)]
    public static async Task<SlaBoard> Overdue(string? agency, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var open = await OpenDossiers(session, agency).Where(d => d.DueAt < now).OrderBy(d => d.DueAt).Take(500).ToListAsync(ct);
        return new SlaBoard(now, [.. open.Select(SlaItem.Of)]);
    }

    /// <summary>Open dossiers whose appointment falls within the next <paramref name="withinHours"/> working hours.</summary>
    [WolverineGet("/api/sla/at-risk"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<SlaBoard>(200), ProducesResponseType(400)]
    public static async Task<IResult> AtRisk(string? withinHours, string? agency, IQuerySession session, TimeProvider clock, WorkingCalendar calendar, CancellationToken ct)
    {
        if (!decimal.TryParse(withinHours, NumberStyles.Number, CultureInfo.InvariantCulture, out var hours) || hours <= 0 || hours > 400)
            return CommandResults.Invalid("withinHours", "must be a number of working hours above 0 and at most 400.");
        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var limit = calendar.AddWorkingTime(now, Budget.WorkingHours(hours).ToWorkingTime());
        var soon = await OpenDossiers(session, agency).Where(d => d.DueAt >= now && d.DueAt <= limit).OrderBy(d => d.DueAt).Take(500).ToListAsync(ct);
        return Results.Ok(new SlaBoard(now, [.. soon.Select(SlaItem.Of)]));
    }

    /// <summary>
    /// Online dossiers not yet answered at the desk (accepted, refused or sent back for supplement), oldest deadline
    /// first, with each centre's count of waiting and overdue ones; <paramref name="agency"/> narrows it to one centre.
    /// </summary>
    [WolverineGet("/api/sla/online-intake"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<OnlineIntakeBoard>(200)]
    public static async Task<OnlineIntakeBoard> OnlineIntake(string? agency, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var waiting = session.Query<DossierSla>().Where(d => d.AcceptanceDueAt != null && d.IntakeAnsweredAt == null && d.EndedAt == null);
        if (!string.IsNullOrWhiteSpace(agency)) waiting = waiting.Where(d => d.ReceivingAgency == agency);
        var items = await waiting.OrderBy(d => d.AcceptanceDueAt).Take(1000).ToListAsync(ct);
        return new OnlineIntakeBoard(now,
            [.. items.GroupBy(d => d.ReceivingAgency ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => global::Dossiers.Projections.Sla.Scorecard.OnlineIntakes(g.Key, g))],
            [.. items.Select(d => new OnlineIntakeItem(d.Id, d.ProcedureCode, d.ReceivingAgency, d.PortalReference, d.SubmittedAt,
                d.AcceptanceDueAt!.Value, d.IntakeOverdue))]);
    }

    /// <summary>QĐ 766 2.1/2.2 and TT 01 indicators 1–2 for dates <paramref name="from"/>..<paramref name="to"/> (inclusive, yyyy-MM-dd).</summary>
    [WolverineGet("/api/sla/scorecard"), Authorize(Roles = Roles.FigureReaders)]
    [ProducesResponseType<ScorecardReport>(200), ProducesResponseType(400)]
    public static async Task<IResult> Scorecard(string? from, string? to, string? agency, IQuerySession session, CancellationToken ct)
    {
        if (!Period.TryParse(from, to, 3660, out var period, out var problem)) return problem!;
        var (start, end) = (period.Start, period.End);
        var dossiers = await session.Query<DossierSla>()
            .Where(d => d.AcceptedAt != null && d.AcceptedAt < end && (d.EndedAt == null || d.EndedAt >= start))
            .ToListAsync(ct);
        var online = await session.Query<DossierSla>()
            .Where(d => d.AcceptanceDueAt != null && d.SubmittedAt >= start && d.SubmittedAt < end)
            .ToListAsync(ct);
        var report = global::Dossiers.Projections.Sla.Scorecard.Compute(dossiers, start, end, string.IsNullOrWhiteSpace(agency) ? null : agency, online);
        // QĐ 766 indicator 1.4: the portal's acknowledgements are not events of the dossier, so they are read here from
        // the sender's sync state (docs/dvcqg.md), against the dossiers the desks received in the period.
        var received = dossiers.Where(d => global::Dossiers.Projections.Sla.Scorecard.ReceivedIn(d, start, end, agency))
            .Select(d => (d.Id, d.ReceivingAgency)).ToList();
        var ids = received.Select(r => r.Id).ToArray();
        var synced = (await session.Query<Dvcqg.DvcqgSyncState>().Where(s => s.LastStatusSent != null && ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct))
            .ToHashSet();
        var (province, byCentre) = global::Dossiers.Projections.Sla.Scorecard.PortalSync(received, synced);
        return Results.Ok(report with { PortalSync = province, PortalSyncByCentre = byCentre });
    }

    /// <summary>One dossier's SLA: appointment, legal due time, pauses, supplements, reschedules, every step's timing.</summary>
    [WolverineGet("/api/dossiers/{id}/sla"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<DossierSla>(200), ProducesResponseType(404)]
    public static async Task<IResult> Dossier(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<DossierSla>(id, ct) is { } sla ? Results.Ok(sla) : CommandResults.NotFound(id);

    internal static IQueryable<DossierSla> OpenDossiers(IQuerySession session, string? agency)
    {
        var open = session.Query<DossierSla>().Where(d => d.EndedAt == null && d.AcceptedAt != null && !d.Paused);
        return string.IsNullOrWhiteSpace(agency)
            ? open
            : open.Where(d => d.ReceivingAgency == agency || d.Steps.Any(s => s.Agency == agency && s.CompletedAt == null && !s.Cancelled));
    }
}
