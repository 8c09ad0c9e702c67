using Dossiers.Api.Audit;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Dvcqg;

public sealed record DvcqgSyncPage(IReadOnlyList<DvcqgSyncState> Items, int Page, int PageSize, long Total);

public static class DvcqgSyncEndpoint
{
    public const int MaxPageSize = 200;

    /// <summary>
    /// Each dossier's sync with the national portal: the last status sent, the last update acknowledged, how many wait,
    /// and the latest failures with their reasons; <c>status</c> failed, pending or synced; most recently changed first.
    /// </summary>
    [WolverineGet("/api/dvcqg/sync"), Authorize(Roles = $"{AuditEndpoints.Auditors},{Roles.Kiosk}")]
    [ProducesResponseType<DvcqgSyncPage>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(string? status, string? page, string? pageSize, IQuerySession session, CancellationToken ct)
    {
        if (status is not null && !SyncStates.All.Contains(status))
            return CommandResults.Invalid("status", $"must be one of {string.Join(", ", SyncStates.All)}.");
        // Read as text and parsed here, so "page=abc" is answered like "page=0": a 400 naming the field.
        var number = 1;
        if (page is not null && (!int.TryParse(page, out number) || number < 1)) return CommandResults.Invalid("page", "must be a whole number, 1 or more.");
        var size = 50;
        if (pageSize is not null && (!int.TryParse(pageSize, out size) || size is < 1 or > MaxPageSize))
            return CommandResults.Invalid("pageSize", $"must be a whole number from 1 to {MaxPageSize}.");
        var query = session.Query<DvcqgSyncState>().AsQueryable();
        if (status is not null) query = query.Where(s => s.State == status);
        var items = await query.OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Id).ToPagedListAsync(number, size, ct);
        return Results.Ok(new DvcqgSyncPage([.. items], number, size, items.TotalItemCount));
    }
}
