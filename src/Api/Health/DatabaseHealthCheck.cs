using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dossiers.Api.Health;

/// <summary>Healthy only when PostgreSQL answers a query: the product is nothing without its event store.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("select 1");   // the pooled data source, not a new connection each probe
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("reachable");
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy("unreachable");
        }
    }
}

public static class HealthSetup
{
    public static IServiceCollection AddDossierHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", timeout: TimeSpan.FromSeconds(5))
            .AddCheck<Observability.StoreGauges>("projections");
        return services;
    }

    /// <summary>
    /// Liveness (<c>/health/live</c>): the process answers; restart it only when this fails. Readiness
    /// (<c>/health/ready</c>, and <c>/health</c>): the database answers and no projection lags beyond its bound; send it
    /// work only while this holds.
    /// </summary>
    public static WebApplication MapDossierHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteReport }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteReport }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteReport }).AllowAnonymous();
        return app;
    }

    private static Task WriteReport(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Description ?? e.Value.Status.ToString()),
        }));
    }
}
