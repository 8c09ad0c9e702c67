using Dossiers.Api.Audit;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Paging;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Privacy;

/// <summary>A page of the access log: <c>next</c> fetches the following page (absent on the last), docs/paging.md.</summary>
public sealed record AccessLog(DateOnly From, DateOnly To, IReadOnlyList<PersonalDataRead> Items, string? Next = null);

public static class AccessLogEndpoint
{
    /// <summary>
    /// Who read personal data, when, which dossier and by which route, for dates from..to (yyyy-MM-dd, Vietnam days),
    /// optionally of one dossier, one user, the readers of one <paramref name="agency"/> or of the agencies of one
    /// <paramref name="level"/>; newest first, in pages of <paramref name="limit"/> with a <paramref name="next"/> cursor.
    /// </summary>
    [WolverineGet("/api/access-log"), Authorize(Roles = AuditEndpoints.Auditors)]
    [ProducesResponseType<AccessLog>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(string? from, string? to, string? dossierId, string? user, string? agency, string? level, string? limit,
        string? next, IQuerySession session, AgencyRegistry agencies, CancellationToken ct)
    {
        if (!Period.TryParse(from, to, 366, out var period, out var problem)) return problem!;
        var check = new RequestCheck();
        Guid? dossier = null;
        if (dossierId is not null)
        {
            if (Guid.TryParse(dossierId, out var id)) dossier = id;
            else check.Fail("dossierId", "must be a dossier id (a GUID).");
        }
        if (user is { Length: > 200 }) check.Fail("user", "must be at most 200 characters.");
        var filter = BoardFilter.Read(check, agencies, agency, null, level, null, null);
        var page = PageRequest.Read(check, limit, next, guidIds: true,
            ["access-log", period.First, period.Last, dossier, user, .. filter.Fingerprint]);
        if (!check.IsValid) return Results.Problem(check.Result());
        var (start, end) = (period.Start, period.End);
        var query = session.Query<PersonalDataRead>().Where(r => r.At >= start && r.At < end);
        if (dossier is { } d) query = query.Where(r => r.DossierId == d);
        if (user is not null) query = query.Where(r => r.User == user);
        if (filter.Agency is { } unit) query = query.Where(r => r.Agency == unit);
        if (filter.Level is not null)
        {
            var atLevel = filter.LevelAgencies;
            query = query.Where(r => atLevel.Contains(r.Agency!));
        }
        // Newest first by id: each row's id is a version 7 GUID made the moment the read was recorded, so the ids
        // sort as the reads happened, are unique and are the primary key a keyset page seeks (docs/paging.md).
        if (page.Cursor?.AfterGuid is { } after) query = query.Where(r => r.MatchesSql("d.id < ?", after));
        var rows = await query.OrderByDescending(r => r.Id).Take(page.Limit + 1).ToListAsync(ct);
        var (items, nextPage) = page.Cut(rows, _ => 0, r => r.Id.ToString("N"));
        return Results.Ok(new AccessLog(period.First, period.Last, items, nextPage));
    }
}
