using System.Globalization;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Privacy;
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
    /// <paramref name="next"/> cursor. Read from the search entries, which the daemon keeps a moment behind.
    /// </summary>
    [WolverineGet("/api/agencies/{agency}/pickup"), Authorize(Roles = Readers)]
    [ProducesResponseType<PickupList>(200), ProducesResponseType(400), ProducesResponseType(403)]
    public static async Task<IResult> PickupOf(string agency, string? limit, string? next, DossierSearchSql sql, AgencyRegistry agencies,
        PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        if (!agencies.IsServiceCentre(agency)) return CommandResults.Invalid("agency", "is not a service centre of the agency registry.");
        var pageSize = DossierSearchEndpoint.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize)
            || pageSize is < 1 or > DossierSearchEndpoint.MaxLimit))
            return CommandResults.Invalid("limit", $"must be a whole number from 1 to {DossierSearchEndpoint.MaxLimit}.");
        var fingerprint = SearchCursor.Fingerprint("pickup", agency);
        SearchCursor? cursor = null;
        if (next is not null && (cursor = SearchCursor.Decode(next, fingerprint)) is null)
            return CommandResults.Invalid("next", "is not a cursor of this list: send the next value the previous page answered.");
        if (await guard.CentreList(http, agency, $"pickup {agency}", "pick-up list", ct) is { } refused) return refused;

        const string key = "(s.data ->> 'readyOrder')::bigint";
        var where = new List<string> { "s.data ->> 'pickupCentre' = @centre", $"(s.data ->> 'dvcqg')::int = {DvcqgStatus.Of(DossierStatus.Resolved)}" };
        var parameters = new List<NpgsqlParameter> { new("centre", agency) };
        if (cursor is not null)
        {
            where.Add($"({key} > @afterKey or ({key} = @afterKey and s.id > @afterId))");
            parameters.Add(new NpgsqlParameter("afterKey", cursor.Key));
            parameters.Add(new NpgsqlParameter("afterId", cursor.After));
        }
        var rows = await sql.Page(key, string.Join(" and ", where), "sort_key, s.id", pageSize + 1, parameters, ct);
        var shown = rows.Take(pageSize).ToList();
        return Results.Ok(new PickupList(agency, agencies.Find(agency)?.Name,
            [.. shown.Select(r => new PickupItem(r.Entry.Id, r.Entry.Code, r.Entry.ApplicantName, r.Entry.ProcedureName, r.Entry.AppointmentAt,
                r.Entry.ResultReadyAt!.Value, r.Entry.ReceivedAt))],
            rows.Count > pageSize ? new SearchCursor(fingerprint, shown[^1].Key, shown[^1].Entry.Id).Encode() : null));
    }
}
