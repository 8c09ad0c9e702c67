using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Dossiers.Api.Errors;

/// <summary>RFC 7807 for every error, with a trace id to quote to support and never a stack trace.</summary>
public static class ProblemDetailsSetup
{
    public static WebApplicationBuilder AddDossierProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Extensions.Remove("exception");
        });
        builder.Services.AddExceptionHandler<ExceptionToProblem>();
        return builder;
    }
}

/// <summary>Turns the exceptions a request can legitimately cause into their status; anything else is a bare 500.</summary>
public sealed class ExceptionToProblem(IProblemDetailsService problems, ILogger<ExceptionToProblem> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // The database is busy or out of reach: the client may try again shortly, and this is not a bug to log as one.
            logger.LogWarning("Database unavailable on {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path, problem.Detail);
            RetryLater(http.Response);
        }
        else if (problem.Status >= 500)
            logger.LogError(exception, "Unhandled {ExceptionType} on {Method} {Path}", exception.GetType().Name, http.Request.Method, http.Request.Path);
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = null });
    }

    /// <summary>What a 503 asks the client to wait before trying again.</summary>
    private const int RetryAfterSeconds = 2;

    /// <summary>The answer when this server is too busy for a request just now: 503, and Retry-After on the response.</summary>
    public static IResult Busy(HttpResponse response, string title, string detail)
    {
        RetryLater(response);
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: title, detail: detail);
    }

    private static void RetryLater(HttpResponse response) =>
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            Problem(413, "Request body too large", bad.Message),
        BadHttpRequestException bad => Problem(400, "Bad request", bad.Message),
        System.Text.Json.JsonException json => Problem(400, "Malformed JSON", FieldOf(json)),
        _ when Unavailable(exception) is { } reason => Problem(503, "Service busy", reason),
        _ => Problem(500, "Unexpected error", "The request could not be completed. Quote the trace id to support."),
    };

    /// <summary>
    /// Why the database could not take the request, when that is the cause (wrapped or not): every connection of this
    /// process's pool stayed busy for the whole wait, the server refused a connection (too many clients, starting up
    /// or shutting down), or the connection broke. Nothing was committed in any of these cases.
    /// </summary>
    public static string? Unavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            switch (e)
            {
                case Npgsql.PostgresException pg when pg.SqlState is "53300" or "53400" || pg.SqlState.StartsWith("57P0") || pg.SqlState.StartsWith("08"):
                    return "The database cannot take more work right now. Try again in a moment.";
                case Npgsql.NpgsqlException { InnerException: TimeoutException }:
                    return "Every database connection of this server is busy. Try again in a moment.";
                case Npgsql.NpgsqlException { InnerException: System.Net.Sockets.SocketException or IOException }:
                    return "The database could not be reached. Try again in a moment.";
            }
        return null;
    }

    private static string FieldOf(System.Text.Json.JsonException json) =>
        json.Path is { Length: > 1 } path ? $"The value at '{path.TrimStart('$', '.')}' is not valid." : "The body is not valid JSON.";

    public static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
