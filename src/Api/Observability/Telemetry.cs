using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Dossiers.Api.Observability;

/// <summary>
/// Traces and metrics, with OpenTelemetry. Traces: each request (ASP.NET Core), its SQL (Npgsql), Wolverine's message
/// handling, and the decider as a span of its own naming the command and its outcome. Metrics for Prometheus at
/// <c>/metrics</c>: requests by route and status with their latency (ASP.NET Core's own), the decider's decisions,
/// lost races, timers fired, and from <see cref="StoreGauges"/> projection lag, timers due and overdue dossiers. Traces
/// are recorded only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, and sent there by OTLP with the metrics.
/// </summary>
public static class Telemetry
{
    public const string Name = "Dossiers";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>("dossiers.decisions", "{command}",
        "Commands the decider judged, by command and outcome (decided, rejected).");
    public static readonly Counter<long> Races = Meter.CreateCounter<long>("dossiers.races", "{command}",
        "Commands that lost a race to a concurrent one on the same dossier or request, by kind.");
    public static readonly Counter<long> TimersFired = Meter.CreateCounter<long>("dossiers.timers.fired", "{timer}",
        "Deadline timers that fired and were checked, by kind.");

    /// <summary>The decider's span: starts before it runs, and <see cref="Decided"/> closes it with the outcome.</summary>
    public static Activity? Deciding(string command) => Source.StartActivity($"decide {command}")?.SetTag("dossier.command", command);

    public static void Decided(Activity? span, string command, string outcome, int events)
    {
        span?.SetTag("dossier.outcome", outcome).SetTag("dossier.events", events).Dispose();
        Decisions.Add(1, new("command", command), new("outcome", outcome));
    }

    public static WebApplicationBuilder AddDossierTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StoreGauges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StoreGauges>());
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("dossiers-api"))
            .WithMetrics(metrics =>
            {
                // "System.Runtime": the runtime's own figures (GC, thread pool, JIT compilation time), what an operator
                // reads first when a node is slow; the bench waits on the JIT's to know the API is warm.
                metrics.AddAspNetCoreInstrumentation().AddMeter(Name, StoreGauges.MeterName, "Wolverine*", "Npgsql", "Marten*", "System.Runtime")
                    .AddPrometheusExporter();
                // Figures recorded several times on every request that say nothing the request duration, the pool gauges
                // and the runtime's do not: OpenTelemetry's share of the API's CPU under load fell from 2.4 to 1.1 %
                // without them (bench/README.md).
                foreach (var instrument in DroppedInstruments) metrics.AddView(instrument, MetricStreamConfiguration.Drop);
                if (otlp) metrics.AddOtlpExporter();
            });
        // Spans cost every request something (several per command); they are recorded only when they go somewhere.
        if (otlp)
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspnet => aspnet.Filter = http => !IsProbe(http.Request.Path))
                .AddSource(Name, "Wolverine", "Npgsql", "Marten")
                .AddOtlpExporter());
        return builder;
    }

    /// <summary>
    /// Per-request instruments left out: Kestrel's memory-pool counts (every buffer rented), routing's match attempts,
    /// the authentication and authorization meters (one per request, as the request duration already counts 401 and 403),
    /// Npgsql's per-statement counts and bytes (its duration histogram and pool gauges stay), and how long an admitted
    /// request held its turn (its duration says as much; the queue's length and the time waited stay).
    /// </summary>
    private static readonly string[] DroppedInstruments =
    [
        "aspnetcore.memory_pool.*", "aspnetcore.routing.match_attempts", "aspnetcore.authentication.*", "aspnetcore.authorization.*",
        "db.client.commands.executing", "db.client.commands.bytes_written", "db.client.commands.bytes_read",
        "aspnetcore.rate_limiting.request_lease.duration",
    ];

    /// <summary>The scrape endpoint. Counts only, no personal data; a centre exposes it on its own network.</summary>
    public static WebApplication MapDossierMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }

    private static bool IsProbe(PathString path) => path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");
}
