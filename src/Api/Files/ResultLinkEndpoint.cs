using Dossiers.Api.Lookup;
using Dossiers.Api.Privacy;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Files;

/// <summary>
/// The citizen's copy of the digitised result, through the link printed on the receipt (<see cref="ResultLinks"/>):
/// anonymous, rate-limited with the public lookup, 404 until a result file is attached, then the newest one, until
/// <see cref="ResultLinks.Days"/> days after the hand-over (410 after). The answer carries no personal data: the file
/// is named after the dossier code, not the uploader's name for it. Each download is on the access log.
/// </summary>
public static class ResultLinkEndpoint
{
    [WolverineGet("/api/lookup/results/{token}"), AllowAnonymous]
    [ProducesResponseType(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(410), ProducesResponseType(429)]
    public static async Task<IResult> Get(string token, IQuerySession session, SharedRateLimit limit, ResultLinks links, [NotBody] IFileStore files,
        AccessLogWriter log, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (await PublicLookupEndpoint.RateLimited(limit, http, ct) is { } tooMany) return tooMany;
        if (!ResultLinks.LooksLikeToken(token)) return CommandResults.Invalid("token", "must be the 64-character code of a result link printed on the receipt.");
        var notHere = Results.Problem(statusCode: 404, title: "Not found", detail: "No result is available at this link.");
        if (links.DossierOf(token) is not { } id || await session.LoadAsync<Dossier>(id, ct) is not { } dossier) return notHere;
        var now = clock.GetUtcNow();
        if (links.ExpiresAt(dossier) is { } expires && now >= expires)
            return Results.Problem(statusCode: 410, title: "Link expired",
                detail: $"The result link worked for {links.Days} days after the result was handed over; ask the centre for a copy.");
        if (dossier.Files.LastOrDefault(f => f.Kind == FileKind.Result) is not { } result) return notHere;
        // The token is the citizen's credential: it is not written to the log, the route's name is.
        await log.Write(new PersonalDataRead(Guid.CreateVersion7(), id.ToString(), id, "result-link", "public", null,
            "GET /api/lookup/results/{token}", true, now), ct);
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        return await FileEndpoints.Send(files, result, $"ket-qua-{dossier.Code ?? "ho-so"}{FileTypes.Extension(result.MediaType)}", http, ct);
    }
}
