using System.Threading.RateLimiting;
using Dossiers.Api.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace Dossiers.Api.Hosting;

/// <summary>
/// Admission of the work on dossiers (every request under /api/dossiers but their files, and the national portal's
/// submissions): at most Admission:Concurrent of them run at once, the others wait their turn in order of arrival (at
/// most Admission:Queue of them), and a request that finds the queue full is answered 503 with Retry-After. Everything
/// else (health, metrics, files, workflows, boards, the console, the citizen's lookup) is admitted at once.
/// </summary>
/// <remarks>
/// Why: the API shares a small machine with PostgreSQL. Run all at once, 32 officers' requests each get a slice of
/// two cores at every step and finish in a random order, so a few wait three times as long as the median; served in
/// turn, each waits about the same, and the machine switches less between them (bench/README.md has the measures).
/// ASP.NET Core's rate limiter does the queueing; the partition is ours. Admission comes before authentication, so a
/// waiting request costs nothing but its place in the queue.
/// </remarks>
public static class Admission
{
    public static WebApplicationBuilder AddAdmission(this WebApplicationBuilder builder)
    {
        var settings = AdmissionSettings.From(builder.Configuration);
        builder.Services.AddRateLimiter(options =>
        {
            if (settings.Concurrent <= 0) return;   // 0: every request admitted at once
            var turns = new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.Concurrent,
                QueueLimit = settings.Queue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                IsDossierWork(http.Request.Path)
                    ? RateLimitPartition.GetConcurrencyLimiter("dossiers", _ => turns)
                    : RateLimitPartition.GetNoLimiter(""));
            options.OnRejected = (rejected, _) => new ValueTask(ExceptionToProblem.Busy(rejected.HttpContext.Response, "Service busy",
                $"{settings.Queue} requests are already waiting their turn on this server. Try again in a moment.").ExecuteAsync(rejected.HttpContext));
        });
        return builder;
    }

    public static WebApplication UseAdmission(this WebApplication app)
    {
        app.UseRateLimiter();
        return app;
    }

    // A dossier's files are not queued: a transfer runs at its client's pace, and a slow one must not hold an officer's
    // turn (uploads have a limit of their own, Files:MaxConcurrentUploads).
    private static bool IsDossierWork(PathString path) =>
        path.StartsWithSegments("/api/dossiers", out var rest) ? rest.Value?.Split('/', 4) is not [_, _, "files", ..]
            : path.StartsWithSegments("/api/portal/dossiers");
}

/// <param name="Concurrent">Requests on dossiers run at once (Admission:Concurrent, 4 per processor by default; 0 turns admission off).</param>
/// <param name="Queue">Requests that may wait their turn (Admission:Queue, 1000 by default).</param>
public sealed record AdmissionSettings(int Concurrent, int Queue)
{
    // Checked at start: the limiter itself would only refuse a negative queue on the first request, with a 500 each time.
    public static AdmissionSettings From(IConfiguration configuration)
    {
        var settings = new AdmissionSettings(configuration.GetValue("Admission:Concurrent", 4 * Environment.ProcessorCount),
            configuration.GetValue("Admission:Queue", 1000));
        return settings.Queue >= 0 ? settings : throw new InvalidOperationException("Admission:Queue must be 0 or more.");
    }
}
