using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Dossiers.Api.Errors;
using Dossiers.Api.Lookup;
using Microsoft.AspNetCore.Http.Features;

namespace Dossiers.Api.Hosting;

/// <summary>
/// What protects the service from its input: a body size limit (413), strict date-times (an offset is required),
/// and a per-address rate limit on the anonymous lookup (429).
/// </summary>
public static class InputLimits
{
    /// <summary>Commands are small; a dossier with a hundred documents is far below this. Workflows have their own 1 MiB.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddInputLimits(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new StrictDateTimeOffsetConverter()));
        var permits = builder.Configuration.GetValue("Lookup:PermitsPerMinute", 30);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await Results.Problem(statusCode: 429, title: "Too many requests", detail: $"At most {permits} lookups a minute from one address.")
                    .ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(PublicLookupEndpoint.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    /// <summary>Refuses a body larger than the limit before anything reads it; workflow definitions may be larger.</summary>
    public static WebApplication UseInputLimits(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var limit = http.Request.Path.StartsWithSegments("/api/workflows") ? Workflows.WorkflowBody.MaxBytes : MaxBodyBytes;
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(statusCode: 413, title: "Request body too large", detail: $"The body may be at most {limit} bytes.").ExecuteAsync(http);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
            await next(http);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>A date-time without an offset would be read in the server's zone: a guess. We refuse it instead.</summary>
    public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            // No message: System.Text.Json then names the field's path in its own.
            return Validation.Instants.TryParse(reader.GetString(), out var value) ? value : throw new JsonException();
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture));
    }
}
