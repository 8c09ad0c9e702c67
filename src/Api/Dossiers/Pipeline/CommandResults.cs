using Dossiers.Engine.Dossiers;
using Dossiers.Api.Validation;

namespace Dossiers.Api.Dossiers;

/// <summary>The answers of dossier commands: the dossier after the change (with its version as ETag), or RFC 7807.</summary>
public static class CommandResults
{
    public static ViewResult Ok(DossierView view) => new(view, 200);

    public static ViewResult Created(DossierView view) => new(view, 201);

    public static IResult NotFound(Guid id) => Results.Problem(statusCode: 404, title: "Dossier not found", detail: $"No dossier {id}.");

    public static IResult Stale(long expected, long actual, string what = "dossier") => Results.Problem(statusCode: 412, title: $"The {what} has changed",
        detail: $"You sent version {expected}, but the {what} is at version {actual}. Reload it and decide again.");

    public static IResult Invalid(string field, string message, int status = 400)
    {
        var problem = new RequestCheck().Fail(field, message).Result();
        problem.Status = status;
        return Results.Problem(problem);
    }

    /// <param name="allowedActions">What the caller may do instead (a 409 lists it), tailored to them.</param>
    public static IResult Rejected(CommandRejected rejected, IReadOnlyList<string> allowedActions) => rejected.Kind switch
    {
        RejectionKind.Invalid => Invalid(rejected.Field ?? "body", rejected.Message),
        RejectionKind.NotFound => Results.Problem(statusCode: 404, title: "Not found", detail: rejected.Message),
        RejectionKind.Forbidden => Results.Problem(statusCode: 403, title: "Not yours to act on", detail: rejected.Message),
        _ => Results.Problem(statusCode: 409, title: "Not allowed now", detail: rejected.Message,
            extensions: new Dictionary<string, object?> { ["allowedActions"] = allowedActions, ["field"] = rejected.Field }),
    };

    /// <summary>
    /// A command's answer: the view, its stream's version as a strong ETag (If-Match on the next command) and a new
    /// stream's Location. Dossiers, feedback and explanation requests answer alike.
    /// </summary>
    public class VersionedResult<TView>(TView view, long version, int status, string? location) : IResult
    {
        public TView View => view;
        public int Status => status;
        public string ETag => $"\"{version}\"";
        public string? Location => location;

        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ETag = ETag;
            if (Location is { } at) http.Response.Headers.Location = at;
            await Results.Json(view, statusCode: status).ExecuteAsync(http);
        }
    }

    /// <summary>A dossier command's answer; a new dossier's Location.</summary>
    public sealed class ViewResult(DossierView view, int status)
        : VersionedResult<DossierView>(view, view.Version, status, status == 201 ? $"/api/dossiers/{view.Id}" : null);
}
