using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Paging;
using Dossiers.Api.Privacy;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Search;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Dossiers.Api.Search;

/// <summary>A result waiting at the desk: whom to hand it to, and since when.</summary>
public sealed record PickupItem(Guid Id, string? Code, string Applicant, string ProcedureName, DateTimeOffset? AppointmentAt,
    DateTimeOffset ResultReadyAt, DateTimeOffset? ReceivedAt);

public sealed record PickupList(string Agency, string? AgencyName, IReadOnlyList<PickupItem> Items, string? Next);

public static class PickupEndpoint
{
    /// <summary>The desk of the centre, the audit and control offices (and administrators).</summary>
    public const string Readers = $"{Roles.Desk},{Roles.Auditor},{Roles.Controller},{Roles.Admin}";

    /// <summary>
    /// Results ready to hand over at a service centre (DVCQG 9: ready, not yet returned), the longest waiting first,
    /// with the appointment, the applicant and the code; pages of <paramref name="limit"/> (at most 100) and a
    /// <paramref name="next"/> cursor; <paramref name="procedure"/> and the days the results became ready
    /// (<paramref name="from"/>..<paramref name="to"/>) narrow it. Read from the search entries, which the daemon keeps a moment behind.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/pickup"), Authorize(Roles = Readers)]
    [ProducesResponseType<PickupList>(200), ProducesResponseType(400), ProducesResponseType(403)]
    public static async Task<IResult> PickupOf(string agency, string? procedure, string? from, string? to, string? limit, string? next,
        DossierSearchSql sql, AgencyRegistry agencies, PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        if (!agencies.IsServiceCentre(agency)) return CommandResults.Invalid("agency", "is not a service centre of the agency registry.");
        var check = new RequestCheck();
        var filter = BoardFilter.Read(check, agencies, agency, procedure, null, from, to);
        // The list's first fingerprint stays ("pickup", agency) without filters, so cursors handed out before filters existed still work.
        object?[] query = filter.Procedure is null && filter.Period is null ? ["pickup", agency] : ["pickup", .. filter.Fingerprint];
        var page = PageRequest.Read(check, limit, next, guidIds: true, query, DossierSearchEndpoint.DefaultLimit, DossierSearchEndpoint.MaxLimit);
        if (!check.IsValid) return Results.Problem(check.Result());
        if (await guard.CentreList(http, agency, $"pickup {agency}", "pick-up list", ct) is { } refused) return refused;

        const string key = "(s.data ->> 'readyOrder')::bigint";
        var where = new List<string> { "s.pickup_centre = @centre", $"(s.data ->> 'dvcqg')::int = {DvcqgStatus.Of(DossierStatus.Resolved)}" };
        var parameters = new List<NpgsqlParameter> { new("centre", agency) };
        if (filter.Procedure is { } code)
        {
            where.Add("s.data ->> 'procedureCode' = @procedure");
            parameters.Add(new NpgsqlParameter("procedure", code));
        }
        if (filter.Period is { } period)
        {
            where.Add($"{key} >= @readyFrom and {key} < @readyTo");
            parameters.Add(new NpgsqlParameter("readyFrom", period.StartOrder));
            parameters.Add(new NpgsqlParameter("readyTo", period.EndOrder));
        }
        if (page.Cursor is { } cursor)
        {
            where.Add($"({key} > @afterKey or ({key} = @afterKey and s.id > @afterId))");
            parameters.Add(new NpgsqlParameter("afterKey", cursor.Key));
            parameters.Add(new NpgsqlParameter("afterId", cursor.AfterGuid!.Value));
        }
        var rows = await sql.Page(key, string.Join(" and ", where), "sort_key, s.id", page.Limit + 1, parameters, ct);
        var (shown, nextPage) = page.Cut(rows, r => r.Key, r => r.Entry.Id.ToString("N"));
        return Results.Ok(new PickupList(agency, agencies.Find(agency)?.Name,
            [.. shown.Select(r => new PickupItem(r.Entry.Id, r.Entry.Code, r.Entry.ApplicantName, r.Entry.ProcedureName, r.Entry.AppointmentAt,
                r.Entry.ResultReadyAt!.Value, r.Entry.ReceivedAt))],
            nextPage));
    }
}
