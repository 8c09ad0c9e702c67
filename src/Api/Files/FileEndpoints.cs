using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Privacy;
using Dossiers.Engine.Dossiers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Files;

/// <summary>A dossier's files: upload (desk staff and officers of the units working on it), list and download (its readers, logged).</summary>
public static class FileEndpoints
{
    /// <summary>
    /// multipart/form-data: the file in a part named <c>file</c>; optional <c>document</c> (which of the dossier's
    /// documents it is) and <c>kind</c> (<c>document</c>, the default, or <c>result</c>). 201 with the stored file; 200
    /// when the same bytes were already attached as the same document.
    /// </summary>
    [WolverinePost("/api/dossiers/{id}/files"), Authorize(Roles = Roles.AgencyStaff)]
    [ProducesResponseType<AttachedFileView>(201), ProducesResponseType<AttachedFileView>(200), ProducesResponseType(400),
     ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412), ProducesResponseType(413),
     ProducesResponseType(415), ProducesResponseType(503)]
    public static Task<IResult> Upload(Guid id, HttpContext http, [NotBody] FileUploads uploads) => uploads.Receive(id, http, http.RequestAborted);

    [WolverineGet("/api/dossiers/{id}/files"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<DossierFiles>(200), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> List(Guid id, IQuerySession session, PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        if (await session.LoadAsync<Dossier>(id, ct) is not { } dossier) return CommandResults.NotFound(id);
        if (await guard.Dossier(http, dossier, ct) is { } refused) return refused;
        return Results.Ok(new DossierFiles(id, [.. dossier.Files.Select(AttachedFileView.Of)]));
    }

    /// <summary>The bytes, with the detected media type and the uploader's file name; the read is on the access log.</summary>
    [WolverineGet("/api/dossiers/{id}/files/{sha256}"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType(200), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> Download(Guid id, string sha256, IQuerySession session, PersonalDataGuard guard, [NotBody] IFileStore files,
        HttpContext http, CancellationToken ct)
    {
        if (!IsSha256(sha256)) return CommandResults.Invalid("sha256", "must be the file's SHA-256 as 64 hexadecimal digits.");
        sha256 = sha256.ToLowerInvariant();
        if (await session.LoadAsync<Dossier>(id, ct) is not { } dossier) return CommandResults.NotFound(id);
        if (await guard.Dossier(http, dossier, ct) is { } refused) return refused;
        // Only a file this dossier attached: a reader of one dossier cannot fetch another's bytes by their hash.
        if (dossier.Files.LastOrDefault(f => f.Sha256 == sha256) is not { } file)
            return Results.Problem(statusCode: 404, title: "Not found", detail: "No file with this hash is attached to the dossier.");
        return await Send(files, file, file.FileName, http, ct);
    }

    /// <summary>Streams a stored file as an attachment (RFC 6266 / 5987 file name), never sniffed as something else.</summary>
    internal static async Task<IResult> Send(IFileStore files, AttachedFile file, string downloadName, HttpContext http, CancellationToken ct)
    {
        if (!await files.Exists(file.Sha256, ct))
            return Results.Problem(statusCode: 404, title: "File bytes missing",
                detail: "The dossier records this file, but its bytes are not in the file store; `verify` names such files.");
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.ContentLength = file.Size;
        return Results.Stream(body => files.CopyTo(file.Sha256, body, ct), file.MediaType, downloadName);
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
