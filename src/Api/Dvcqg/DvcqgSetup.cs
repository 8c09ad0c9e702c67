using Marten;
using Microsoft.Extensions.Http.Resilience;

namespace Dossiers.Api.Dvcqg;

public static class DvcqgSetup
{
    /// <summary>The portal's settings, its session and its HTTP client with the standard resilience handler.</summary>
    public static WebApplicationBuilder AddDvcqgSync(this WebApplicationBuilder builder)
    {
        var settings = PortalSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<PortalSession>();
        builder.Services.AddHttpClient<PortalClient>(http =>
            {
                if (settings.BaseUrl is { } address) http.BaseAddress = address;
                http.Timeout = Timeout.InfiniteTimeSpan;   // the resilience handler's time-outs decide
            })
            // Retries 5xx, 408, 429, broken connections and attempt time-outs with exponential backoff and jitter; the
            // portal deduplicates by MaCapNhat, so a retried POST is safe. 401 is not retried here: PortalClient logs in again.
            .AddStandardResilienceHandler(resilience =>
            {
                resilience.Retry.Delay = settings.RetryDelay;
                resilience.AttemptTimeout.Timeout = settings.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = settings.AttemptTimeout * 5 + settings.RetryDelay * 8;
                resilience.CircuitBreaker.SamplingDuration = settings.AttemptTimeout * 2 > TimeSpan.FromSeconds(30)
                    ? settings.AttemptTimeout * 2 : TimeSpan.FromSeconds(30);
            });
        return builder;
    }

    /// <summary>The sender runs as a subscription of the async daemon, and only when a portal address is configured.</summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddDvcqgSubscription(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, IConfiguration configuration) =>
        PortalSettings.From(configuration).Enabled
            ? marten.AddSubscriptionWithServices<PortalSyncSubscription>(ServiceLifetime.Singleton)
            : marten;
}
