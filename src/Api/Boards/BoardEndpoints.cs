using System.Security.Claims;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections;
using Dossiers.Projections.Boards;
using Dossiers.Projections.Registers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Boards;

public sealed record InboxEntry(Guid DossierId, string? Code, string? ProcedureName, string TaskId, string Title, DateTimeOffset DueAt,
    bool Acknowledged, bool Overdue, bool Paused, HandOver? HandOver, DateTimeOffset ActivatedAt);

public sealed record Inbox(string Agency, IReadOnlyList<InboxEntry> Items);

public sealed record HandOffCell(string FromAgency, string ToAgency, int Count, int Acknowledged, double? MedianMinutes, double? P90Minutes);

public sealed record HandOffMatrix(DateOnly From, DateOnly To, IReadOnlyList<HandOffCell> Items);

/// <summary>Cross-dossier boards, read from the asynchronous projections (the daemon keeps them a moment behind).</summary>
public static class BoardEndpoints
{
    /// <summary>Open tasks and unacknowledged hand-overs at an agency, most urgent first. Officers see their own agency only.</summary>
    [WolverineGet("/api/agencies/{agency}/inbox"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<Inbox>(200), ProducesResponseType(400), ProducesResponseType(403)]
    public static async Task<IResult> InboxOf(string agency, ClaimsPrincipal user, IQuerySession session, AgencyRegistry agencies, CancellationToken ct)
    {
        var actor = CurrentActor.From(user);
        if (actor.IsOfficer && actor.Agency != agency)
            return Results.Problem(statusCode: 403, title: "Not your agency", detail: $"You act for {actor.Agency}; this is the inbox of {agency}.");
        if (!agencies.Contains(agency)) return CommandResults.Invalid("agency", "is not in the agency registry.");
        var items = await session.Query<InboxItem>().Where(i => i.Agency == agency).OrderBy(i => i.DueAt).Take(1000).ToListAsync(ct);
        var files = (await session.LoadManyAsync<DossierFile>(ct, items.Select(i => i.DossierId).Distinct())).ToDictionary(f => f.Id);
        return Results.Ok(new Inbox(agency, [.. items
            .OrderBy(i => i.Acknowledged).ThenBy(i => i.Paused).ThenBy(i => i.DueAt)
            .Select(i => new InboxEntry(i.DossierId, files.GetValueOrDefault(i.DossierId)?.Code, files.GetValueOrDefault(i.DossierId)?.ProcedureName,
                i.TaskId, i.Title, i.DueAt, i.Acknowledged, i.Overdue, i.Paused, i.HandOver, i.ActivatedAt))]));
    }

    /// <summary>Agency → agency hand-over counts and the latency from hand-over to acknowledgement (median, p90) for dates from..to.</summary>
    [WolverineGet("/api/handoffs/matrix"), Authorize(Roles = Roles.FigureReaders)]
    [ProducesResponseType<HandOffMatrix>(200), ProducesResponseType(400)]
    public static async Task<IResult> Matrix(string? from, string? to, IQuerySession session, CancellationToken ct)
    {
        if (!Period.TryParse(from, to, 3660, out var period, out var problem)) return problem!;
        var (start, end) = (period.Start, period.End);
        var rows = await session.Query<HandOffRow>().Where(r => r.GivenAt >= start && r.GivenAt < end).ToListAsync(ct);
        return Results.Ok(new HandOffMatrix(period.First, period.Last, [.. rows
            .GroupBy(r => (r.FromAgency, r.ToAgency))
            .OrderBy(g => g.Key.FromAgency, StringComparer.Ordinal).ThenBy(g => g.Key.ToAgency, StringComparer.Ordinal)
            .Select(g =>
            {
                var latencies = g.Where(r => r.AcknowledgedAt is not null).Select(r => (r.AcknowledgedAt!.Value - r.GivenAt).TotalMinutes).Order().ToList();
                return new HandOffCell(g.Key.FromAgency, g.Key.ToAgency, g.Count(), latencies.Count, Percentile(latencies, 0.5), Percentile(latencies, 0.9));
            })]));
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) => Percentiles.NearestRank(sorted, p);
}
