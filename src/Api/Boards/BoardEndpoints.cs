using System.Security.Claims;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Paging;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections;
using Dossiers.Projections.Boards;
using Dossiers.Projections.Registers;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Boards;

public sealed record InboxEntry(Guid DossierId, string? Code, string? ProcedureName, string TaskId, string Title, DateTimeOffset DueAt,
    bool Acknowledged, bool Overdue, bool Paused, HandOver? HandOver, DateTimeOffset ActivatedAt);

/// <summary>A page of an inbox: <c>next</c> fetches the following page (absent on the last), docs/paging.md.</summary>
public sealed record Inbox(string Agency, IReadOnlyList<InboxEntry> Items, string? Next = null);

public sealed record HandOffCell(string FromAgency, string ToAgency, int Count, int Acknowledged, double? MedianMinutes, double? P90Minutes);

public sealed record HandOffMatrix(DateOnly From, DateOnly To, IReadOnlyList<HandOffCell> Items);

/// <summary>Cross-dossier boards, read from the asynchronous projections (the daemon keeps them a moment behind).</summary>
public static class BoardEndpoints
{
    /// <summary>
    /// Open tasks and unacknowledged hand-overs at an agency, most urgent first (hand-overs to acknowledge, then running
    /// tasks, then paused ones, each by due time), in pages; <paramref name="procedure"/> and the days the tasks were
    /// activated (<paramref name="from"/>..<paramref name="to"/>) narrow it. Officers see their own agency only.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/inbox"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<Inbox>(200), ProducesResponseType(400), ProducesResponseType(403)]
    public static async Task<IResult> InboxOf(string agency, string? procedure, string? from, string? to, string? limit, string? next,
        ClaimsPrincipal user, IQuerySession session, AgencyRegistry agencies, CancellationToken ct)
    {
        var actor = CurrentActor.From(user);
        if (actor.IsOfficer && actor.Agency != agency)
            return Results.Problem(statusCode: 403, title: "Not your agency", detail: $"You act for {actor.Agency}; this is the inbox of {agency}.");
        var check = new RequestCheck();
        var filter = BoardFilter.Read(check, agencies, agency, procedure, null, from, to);
        var page = PageRequest.Read(check, limit, next, guidIds: false, ["inbox", .. filter.Fingerprint]);
        if (!check.IsValid) return Results.Problem(check.Result());
        var query = session.Query<InboxItem>().Where(i => i.Agency == agency);
        if (filter.Procedure is { } code)
        {
            var ofProcedure = OfProcedure(session);
            query = query.Where(i => i.MatchesSql(ofProcedure, code));
        }
        if (filter.Period is { } period)
        {
            var (start, end) = (period.Start, period.End);
            query = query.Where(i => i.ActivatedAt >= start && i.ActivatedAt < end);
        }
        var (items, nextPage) = page.Cut(await query.ReadPage(i => i.Order, page, ct), i => i.Order, i => i.Id);
        var files = (await session.LoadManyAsync<DossierFile>(ct, items.Select(i => i.DossierId).Distinct())).ToDictionary(f => f.Id);
        return Results.Ok(new Inbox(agency, [.. items
            .Select(i => new InboxEntry(i.DossierId, files.GetValueOrDefault(i.DossierId)?.Code, files.GetValueOrDefault(i.DossierId)?.ProcedureName,
                i.TaskId, i.Title, i.DueAt, i.Acknowledged, i.Overdue, i.Paused, i.HandOver, i.ActivatedAt))], nextPage));
    }

    /// <summary>
    /// Agency → agency hand-over counts and the latency from hand-over to acknowledgement (median, p90) for dates
    /// from..to. Not paged: it is one cell per pair of agencies. <paramref name="agency"/> keeps the hand-overs it gave
    /// or received, <paramref name="level"/> those given or received by an agency of that level, <paramref name="procedure"/>
    /// those of its dossiers.
    /// </summary>
    [WolverineGet("/api/handoffs/matrix"), Authorize(Roles = Roles.FigureReaders)]
    [ProducesResponseType<HandOffMatrix>(200), ProducesResponseType(400)]
    public static async Task<IResult> Matrix(string? from, string? to, string? agency, string? procedure, string? level, IQuerySession session,
        AgencyRegistry agencies, CancellationToken ct)
    {
        if (!Period.TryParse(from, to, 3660, out var period, out var problem)) return problem!;
        var check = new RequestCheck();
        var filter = BoardFilter.Read(check, agencies, agency, procedure, level, null, null);
        if (!check.IsValid) return Results.Problem(check.Result());
        var (start, end) = (period.StartOrder, period.EndOrder);
        var query = session.Query<HandOffRow>().Where(r => r.GivenOrder >= start && r.GivenOrder < end);
        if (filter.Agency is { } unit) query = query.Where(r => r.FromAgency == unit || r.ToAgency == unit);
        if (filter.Level is not null)
        {
            var atLevel = filter.LevelAgencies;
            query = query.Where(r => atLevel.Contains(r.FromAgency) || atLevel.Contains(r.ToAgency));
        }
        if (filter.Procedure is { } code)
        {
            var ofProcedure = OfProcedure(session);
            query = query.Where(r => r.MatchesSql(ofProcedure, code));
        }
        var rows = await query.ToListAsync(ct);
        return Results.Ok(new HandOffMatrix(period.First, period.Last, [.. rows
            .GroupBy(r => (r.FromAgency, r.ToAgency))
            .OrderBy(g => g.Key.FromAgency, StringComparer.Ordinal).ThenBy(g => g.Key.ToAgency, StringComparer.Ordinal)
            .Select(g =>
            {
                var latencies = g.Where(r => r.AcknowledgedAt is not null).Select(r => (r.AcknowledgedAt!.Value - r.GivenAt).TotalMinutes).Order().ToList();
                return new HandOffCell(g.Key.FromAgency, g.Key.ToAgency, g.Count(), latencies.Count, Percentile(latencies, 0.5), Percentile(latencies, 0.9));
            })]));
    }

    /// <summary>
    /// Rows (with a <c>dossierId</c>) of dossiers of one procedure: the inbox and hand-off rows are per task and their
    /// events do not name the procedure, so it is read from the inline dossier, one primary-key look-up per row.
    /// </summary>
    private static string OfProcedure(IQuerySession session) =>
        $"exists (select 1 from {session.DocumentStore.Options.FindOrResolveDocumentType(typeof(Dossier)).TableName.QualifiedName} x "
        + "where x.id = (d.data ->> 'dossierId')::uuid and x.data ->> 'procedureCode' = ?)";

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) => Percentiles.NearestRank(sorted, p);
}
