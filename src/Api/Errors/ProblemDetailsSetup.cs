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
        if (problem.Status >= 500)
            logger.LogError(exception, "Unhandled {ExceptionType} on {Method} {Path}", exception.GetType().Name, http.Request.Method, http.Request.Path);
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = null });
    }

    private static ProblemDetails Map(Exception exception) => exception switch
    {
        BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge =>
            Problem(413, "Request body too large", bad.Message),
        BadHttpRequestException bad => Problem(400, "Bad request", bad.Message),
        System.Text.Json.JsonException json => Problem(400, "Malformed JSON", FieldOf(json)),
        _ => Problem(500, "Unexpected error", "The request could not be completed. Quote the trace id to support."),
    };

    private static string FieldOf(System.Text.Json.JsonException json) =>
        json.Path is { Length: > 1 } path ? $"The value at '{path.TrimStart('$', '.')}' is not valid." : "The body is not valid JSON.";

    public static ProblemDetails Problem(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };
}
