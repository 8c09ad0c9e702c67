using Dossiers.Engine.Dossiers;
using Dossiers.Api.Validation;

namespace Dossiers.Api.Dossiers;

/// <summary>The answers of dossier commands: the dossier after the change (with its version as ETag), or RFC 7807.</summary>
public static class CommandResults
{
    public static IResult Ok(DossierView view) => new ViewResult(view, 200);

    public static IResult Created(DossierView view) => new ViewResult(view, 201);

    public static IResult Replay(IdempotencyRecord record) => Results.Content(record.Body, "application/json", statusCode: record.Status);

    public static IResult NotFound(Guid id) => Results.Problem(statusCode: 404, title: "Dossier not found", detail: $"No dossier {id}.");

    public static IResult Stale(long? expected) => Results.Problem(statusCode: 412, title: "The dossier has changed",
        detail: expected is { } v
            ? $"You sent version {v}, but the dossier has moved on. Reload it and decide again."
            : "Another change kept winning; reload the dossier and try again.");

    public static IResult Invalid(string field, string message, int status = 400)
    {
        var problem = new RequestCheck().Fail(field, message).Result();
        problem.Status = status;
        return Results.Problem(problem);
    }

    public static IResult Rejected(CommandRejected rejected) => rejected.Kind switch
    {
        RejectionKind.Invalid => Invalid(rejected.Field ?? "body", rejected.Message),
        RejectionKind.NotFound => Results.Problem(statusCode: 404, title: "Not found", detail: rejected.Message),
        RejectionKind.Forbidden => Results.Problem(statusCode: 403, title: "Not yours to act on", detail: rejected.Message),
        _ => Results.Problem(statusCode: 409, title: "Not allowed now", detail: rejected.Message,
            extensions: new Dictionary<string, object?> { ["allowedActions"] = rejected.AllowedActions, ["field"] = rejected.Field }),
    };

    /// <summary>Writes the view with the version as a strong ETag, for If-Match on the next command.</summary>
    private sealed class ViewResult(DossierView view, int status) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ETag = $"\"{view.Version}\"";
            if (status == 201) http.Response.Headers.Location = $"/api/dossiers/{view.Id}";
            await Results.Json(view, statusCode: status).ExecuteAsync(http);
        }
    }
}
