using System.Globalization;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Paging;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
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

/// <summary>A page of a board: <c>next</c> fetches the following page (absent on the last), docs/paging.md.</summary>
public sealed record SlaBoard(DateTimeOffset AsOf, IReadOnlyList<SlaItem> Items, string? Next = null);

/// <summary>An online dossier waiting for its receiving centre's desk (nothing personal: open it by its id).</summary>
public sealed record OnlineIntakeItem(Guid Id, string ProcedureCode, string? ReceivingAgency, string? PortalReference, DateTimeOffset SubmittedAt,
    DateTimeOffset AcceptanceDueAt, bool Overdue);

/// <summary>
/// What each centre's desk still has to answer, and how many of those are past the online intake deadline (counted
/// over every waiting dossier the filters select), with one page of the dossiers.
/// </summary>
public sealed record OnlineIntakeBoard(DateTimeOffset AsOf, IReadOnlyList<OnlineIntakeScores> Centres, IReadOnlyList<OnlineIntakeItem> Items,
    string? Next = null);

/// <summary>
/// The boards officers work from and the scorecard the province is judged by. They read the asynchronous SLA
/// projection, so a change shows after the daemon catches up (normally well under a second). The boards page by
/// keyset (<c>limit</c>, <c>next</c>) and take the filters agency, procedure, level and from..to (docs/paging.md).
/// </summary>
public static class SlaEndpoints
{
    /// <summary>Open dossiers past their appointment (not while paused), most overdue first.</summary>
    [WolverineGet("/api/sla/overdue"), Authorize(Roles = Roles.FigureReaders)]
    [ProducesResponseType<SlaBoard>(200), ProducesResponseType(400)]
    public static async Task<IResult> Overdue(string? agency, string? procedure, string? level, string? from, string? to, string? limit, string? next,
        IQuerySession session, AgencyRegistry agencies, TimeProvider clock, CancellationToken ct)
    {
        var check = new RequestCheck();
        var filter = BoardFilter.Read(check, agencies, agency, procedure, level, from, to);
        var page = PageRequest.Read(check, limit, next, guidIds: true, ["overdue", .. filter.Fingerprint]);
        if (!check.IsValid) return Results.Problem(check.Result());
        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var rows = await OverdueDossiers(session, filter, now).ReadPage(d => d.DueOrder, page, ct);
        return Results.Ok(Board(now, page, rows));
    }

    /// <summary>Open dossiers whose appointment falls within the next <paramref name="withinHours"/> working hours.</summary>
    [WolverineGet("/api/sla/at-risk"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<SlaBoard>(200), ProducesResponseType(400)]
    public static async Task<IResult> AtRisk(string? withinHours, string? agency, string? procedure, string? level, string? from, string? to,
        string? limit, string? next, IQuerySession session, AgencyRegistry agencies, TimeProvider clock, WorkingCalendar calendar, CancellationToken ct)
    {
        var check = new RequestCheck();
        if (!decimal.TryParse(withinHours, NumberStyles.Number, CultureInfo.InvariantCulture, out var hours) || hours <= 0 || hours > 400)
            check.Fail("withinHours", "must be a number of working hours above 0 and at most 400.");
        var filter = BoardFilter.Read(check, agencies, agency, procedure, level, from, to);
        // The window moves with the clock, so a cursor is bound to the hours asked, not to the instant they ended.
        var page = PageRequest.Read(check, limit, next, guidIds: true, ["at-risk", withinHours, .. filter.Fingerprint]);
        if (!check.IsValid) return Results.Problem(check.Result());
        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var until = calendar.AddWorkingTime(now, Budget.WorkingHours(hours).ToWorkingTime());
        var (nowOrder, untilOrder) = (now.ToUnixTimeMilliseconds(), until.ToUnixTimeMilliseconds());
        var rows = await OpenDossiers(session, filter).Where(d => d.DueOrder >= nowOrder && d.DueOrder <= untilOrder).ReadPage(d => d.DueOrder, page, ct);
        return Results.Ok(Board(now, page, rows));
    }

    /// <summary>
    /// Online dossiers not yet answered at the desk (accepted, refused or sent back for supplement), oldest deadline
    /// first, with each centre's count of waiting and overdue ones; <paramref name="agency"/> narrows it to one centre,
    /// <paramref name="level"/> to the centres of that level, <paramref name="from"/>..<paramref name="to"/> to the days
    /// the dossiers were submitted.
    /// </summary>
    [WolverineGet("/api/sla/online-intake"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<OnlineIntakeBoard>(200), ProducesResponseType(400)]
    public static async Task<IResult> OnlineIntake(string? agency, string? procedure, string? level, string? from, string? to, string? limit,
        string? next, IQuerySession session, AgencyRegistry agencies, TimeProvider clock, CancellationToken ct)
    {
        var check = new RequestCheck();
        var filter = BoardFilter.Read(check, agencies, agency, procedure, level, from, to);
        var page = PageRequest.Read(check, limit, next, guidIds: true, ["online-intake", .. filter.Fingerprint]);
        if (!check.IsValid) return Results.Problem(check.Result());
        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var waiting = session.Query<DossierSla>().Where(d => d.AcceptanceDueAt != null && d.IntakeAnsweredAt == null && d.EndedOrder == null);
        if (filter.Agency is { } centre) waiting = waiting.Where(d => d.ReceivingAgency == centre);
        if (filter.Procedure is { } code) waiting = waiting.Where(d => d.ProcedureCode == code);
        if (filter.Level is not null)
        {
            var atLevel = filter.LevelAgencies;
            waiting = waiting.Where(d => atLevel.Contains(d.ReceivingAgency!));
        }
        if (filter.Period is { } period)
        {
            var (start, end) = (period.Start, period.End);
            waiting = waiting.Where(d => d.SubmittedAt >= start && d.SubmittedAt < end);
        }
        // The centres' counts cover every waiting dossier the filters select, not just this page: two fields each.
        var counted = await waiting.Select(d => new IntakeCount(d.ReceivingAgency, d.IntakeOverdue)).ToListAsync(ct);
        var (items, nextPage) = page.Cut(await waiting.ReadPage(d => d.IntakeDueOrder, page, ct), d => d.IntakeDueOrder, d => d.Id.ToString("N"));
        return Results.Ok(new OnlineIntakeBoard(now,
            [.. counted.GroupBy(c => c.ReceivingAgency ?? "").OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => global::Dossiers.Projections.Sla.Scorecard.OnlineIntakes(g.Key,
                    g.Select(c => new DossierSla { ReceivingAgency = c.ReceivingAgency, IntakeOverdue = c.IntakeOverdue })))],
            [.. items.Select(d => new OnlineIntakeItem(d.Id, d.ProcedureCode, d.ReceivingAgency, d.PortalReference, d.SubmittedAt,
                d.AcceptanceDueAt!.Value, d.IntakeOverdue))],
            nextPage));
    }

    private sealed record IntakeCount(string? ReceivingAgency, bool IntakeOverdue);

    private static SlaBoard Board(DateTimeOffset now, PageRequest page, IReadOnlyList<DossierSla> rows)
    {
        var (items, next) = page.Cut(rows, d => d.DueOrder, d => d.Id.ToString("N"));
        return new SlaBoard(now, [.. items.Select(SlaItem.Of)], next);
    }

    /// <summary>
    /// QĐ 766 2.1/2.2 and TT 01 indicators 1–2 for dates <paramref name="from"/>..<paramref name="to"/> (inclusive,
    /// yyyy-MM-dd), or one <paramref name="month"/> (yyyy-MM), <paramref name="quarter"/> (yyyy-Qn) or <paramref name="year"/>;
    /// narrowed to one <paramref name="agency"/>, <paramref name="procedure"/> or <paramref name="level"/> (province, commune).
    /// A period that has not ended is read as it stands now (docs/reports.md).
    /// </summary>
    [WolverineGet("/api/sla/scorecard"), Authorize(Roles = Roles.FigureReaders)]
    [ProducesResponseType<ScorecardReport>(200), ProducesResponseType(400)]
    public static async Task<IResult> Scorecard(string? from, string? to, string? month, string? quarter, string? year, string? agency, string? procedure,
        string? level, IQuerySession session, AgencyRegistries registries, TimeProvider clock, CancellationToken ct)
    {
        if (!ScorecardQuery.TryParse(from, to, month, quarter, year, agency, procedure, level, registries, out var query, out var problem)) return problem!;
        return Results.Ok(await query.Run(session, registries, WorkingCalendar.ToVietnam(clock.GetUtcNow()), ct));
    }

    /// <summary>One dossier's SLA: appointment, legal due time, pauses, supplements, reschedules, every step's timing.</summary>
    [WolverineGet("/api/dossiers/{id}/sla"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<DossierSla>(200), ProducesResponseType(404)]
    public static async Task<IResult> Dossier(Guid id, IQuerySession session, CancellationToken ct) =>
        await session.LoadAsync<DossierSla>(id, ct) is { } sla ? Results.Ok(sla) : CommandResults.NotFound(id);

    /// <summary>The open, running dossiers the filters select whose appointment is before <paramref name="now"/>.</summary>
    internal static IQueryable<DossierSla> OverdueDossiers(IQuerySession session, BoardFilter filter, DateTimeOffset now)
    {
        var nowOrder = now.ToUnixTimeMilliseconds();
        return OpenDossiers(session, filter).Where(d => d.DueOrder < nowOrder);
    }

    /// <summary>
    /// Open, running dossiers the filters select: <c>agency</c> is the receiving centre or an agency with an open step
    /// on the dossier, <c>level</c> the receiving centre's level, the period the days the desk received them.
    /// </summary>
    internal static IQueryable<DossierSla> OpenDossiers(IQuerySession session, BoardFilter filter)
    {
        var open = session.Query<DossierSla>().Where(d => d.EndedOrder == null && d.AcceptedOrder != null && !d.Paused);
        if (filter.Agency is { } agency)
            open = open.Where(d => d.ReceivingAgency == agency || d.Steps.Any(s => s.Agency == agency && s.CompletedAt == null && !s.Cancelled));
        if (filter.Procedure is { } code) open = open.Where(d => d.ProcedureCode == code);
        if (filter.Level is not null)
        {
            var atLevel = filter.LevelAgencies;
            open = open.Where(d => atLevel.Contains(d.ReceivingAgency!));
        }
        if (filter.Period is { } period)
        {
            var (start, end) = (period.StartOrder, period.EndOrder);
            open = open.Where(d => d.AcceptedOrder >= start && d.AcceptedOrder < end);
        }
        return open;
    }
}
