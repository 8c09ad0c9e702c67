using Dossiers.Api.Audit;
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
    [WolverineGet("/api/dvcqg/sync"), Authorize(Roles = AuditEndpoints.Auditors)]
    [ProducesResponseType<DvcqgSyncPage>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(string? status, int? page, int? pageSize, IQuerySession session, CancellationToken ct)
    {
        if (status is not null && !SyncStates.All.Contains(status))
            return CommandResults.Invalid("status", $"must be one of {string.Join(", ", SyncStates.All)}.");
        if (page is < 1) return CommandResults.Invalid("page", "must be 1 or more.");
        if (pageSize is < 1 or > MaxPageSize) return CommandResults.Invalid("pageSize", $"must be from 1 to {MaxPageSize}.");
        var (number, size) = (page ?? 1, pageSize ?? 50);
        var query = session.Query<DvcqgSyncState>().AsQueryable();
        if (status is not null) query = query.Where(s => s.State == status);
        var items = await query.OrderByDescending(s => s.UpdatedAt).ThenBy(s => s.Id).ToPagedListAsync(number, size, ct);
        return Results.Ok(new DvcqgSyncPage([.. items], number, size, items.TotalItemCount));
    }
}
