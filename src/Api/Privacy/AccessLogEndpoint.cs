using Dossiers.Api.Audit;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Privacy;

public sealed record AccessLog(DateOnly From, DateOnly To, IReadOnlyList<PersonalDataRead> Items, bool Truncated);

public static class AccessLogEndpoint
{
    public const int MaxItems = 1000;

    /// <summary>
    /// Who read personal data, when, which dossier and by which route, for dates from..to (yyyy-MM-dd, Vietnam days),
    /// optionally of one dossier or one user; newest first, at most 1000 entries (then <c>truncated</c>).
    /// </summary>
    [WolverineGet("/api/access-log"), Authorize(Roles = AuditEndpoints.Auditors)]
    [ProducesResponseType<AccessLog>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(string? from, string? to, string? dossierId, string? user, IQuerySession session, CancellationToken ct)
    {
        if (!Period.TryParse(from, to, 366, out var period, out var problem)) return problem!;
        Guid? dossier = null;
        if (dossierId is not null)
        {
            if (!Guid.TryParse(dossierId, out var id)) return CommandResults.Invalid("dossierId", "must be a dossier id (a GUID).");
            dossier = id;
        }
        if (user is { Length: > 200 }) return CommandResults.Invalid("user", "must be at most 200 characters.");
        var (start, end) = (period.Start, period.End);
        var query = session.Query<PersonalDataRead>().Where(r => r.At >= start && r.At < end);
        if (dossier is { } d) query = query.Where(r => r.DossierId == d);
        if (user is not null) query = query.Where(r => r.User == user);
        var items = await query.OrderByDescending(r => r.At).Take(MaxItems + 1).ToListAsync(ct);
        return Results.Ok(new AccessLog(period.First, period.Last, [.. items.Take(MaxItems)], items.Count > MaxItems));
    }
}
