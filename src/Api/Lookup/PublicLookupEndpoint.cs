using System.Text.RegularExpressions;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Lookup;

/// <summary>What anyone holding a receipt may see: the status and the appointment. No name, no id number, no phone.</summary>
public sealed record PublicStatus(string Code, int DvcqgStatus, string Status, DateTimeOffset? AppointmentAt);

public static partial class PublicLookupEndpoint
{
    /// <summary>A dossier code as printed on the receipt (also what a citizen's feedback names).</summary>
    [GeneratedRegex(@"^[0-9A-Z.]{5,40}-\d{6}-\d{4}$")]
    internal static partial Regex CodePattern();

    [WolverineGet("/api/lookup/{dossierCode}"), AllowAnonymous]
    [ProducesResponseType<PublicStatus>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(429)]
    public static async Task<IResult> Get(string dossierCode, IQuerySession session, SharedRateLimit limit, HttpContext http, CancellationToken ct)
    {
        if (await RateLimited(limit, http, ct) is { } tooMany) return tooMany;
        if (!CodePattern().IsMatch(dossierCode))
            return CommandResults.Invalid("dossierCode", "must be a dossier code such as 000.01.62.H48-260302-0001.");
        var dossier = await session.Query<Dossier>().Where(d => d.Code == dossierCode).FirstOrDefaultAsync(ct);
        return dossier is null
            ? Results.Problem(statusCode: 404, title: "Not found", detail: "No dossier has this code.")
            : Results.Ok(new PublicStatus(dossierCode, DvcqgStatus.Of(dossier.Status), DvcqgStatus.Name(dossier.Status), dossier.DueAt));
    }

    /// <summary>
    /// The public routes' shared limit per client address (the lookup and the result link count together): null while
    /// under it, else the 429 with Retry-After. The address is the connection's, or the one a configured proxy forwarded
    /// (Hosting:TrustedProxies).
    /// </summary>
    public static async Task<IResult?> RateLimited(SharedRateLimit limit, HttpContext http, CancellationToken ct)
    {
        if (await limit.Refusal(http.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct) is not { } wait) return null;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: 429, title: "Too many requests", detail: $"At most {limit.PermitsPerMinute} lookups a minute from one address.");
    }
}
