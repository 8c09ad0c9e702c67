using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Net;
using Dossiers.Api.Errors;
using Dossiers.Api.Lookup;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;

namespace Dossiers.Api.Hosting;

/// <summary>
/// What protects the service from its input: a body size limit (413), strict date-times (an offset is required),
/// and a per-address rate limit on the anonymous lookup (429), shared by every node, behind only the proxies trusted.
/// </summary>
public static class InputLimits
{
    /// <summary>Commands are small; a dossier with a hundred documents is far below this. Workflows have their own 1 MiB.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static WebApplicationBuilder AddInputLimits(this WebApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new StrictDateTimeOffsetConverter()));
        builder.Services.AddSingleton(services =>
        {
            return new SharedRateLimit(services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
                services.GetRequiredService<Marten.IDocumentStore>().Options.DatabaseSchemaName,
                services.GetRequiredService<IConfiguration>().GetValue("Lookup:PermitsPerMinute", 30), services.GetRequiredService<TimeProvider>());
        });
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in TrustedProxies(builder.Configuration)) forwarded.KnownProxies.Add(proxy);
            forwarded.ForwardLimit = 1;
        });
        return builder;
    }

    /// <summary>
    /// X-Forwarded-For and -Proto are believed only from the proxies named in Hosting:TrustedProxies (addresses,
    /// comma-separated); from anyone else a client could pick the address the lookup's rate limit counts against.
    /// None by default, and then the headers are not read at all: ASP.NET Core trusts every peer when its lists are empty.
    /// </summary>
    private static IPAddress[] TrustedProxies(IConfiguration configuration) =>
        [.. (configuration["Hosting:TrustedProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(IPAddress.Parse)];

    /// <summary>Refuses a body larger than the limit before anything reads it; workflow definitions may be larger.</summary>
    public static WebApplication UseInputLimits(this WebApplication app)
    {
        if (TrustedProxies(app.Configuration).Length > 0) app.UseForwardedHeaders();
        var files = app.Services.GetRequiredService<Files.FileLimits>();
        app.Use(async (http, next) =>
        {
            // A file upload is streamed and its file counted while it streams (Files:MaxBytes, src/Api/Files); Kestrel
            // may read up to twice that, so the rest of a refused upload is drained and its client reads the 413.
            var upload = Files.FileLimits.IsUpload(http.Request);
            var limit = upload ? files.MaxRequestBytes
                : http.Request.Path.StartsWithSegments("/api/workflows") ? Workflows.WorkflowBody.MaxBytes : MaxBodyBytes;
            if (upload && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } uploadSize)
                uploadSize.MaxRequestBodySize = files.MaxDrainBytes;
            if (http.Request.ContentLength > limit)
            {
                http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                await Results.Problem(statusCode: 413, title: "Request body too large", detail: $"The body may be at most {limit} bytes.").ExecuteAsync(http);
                return;
            }
            if (!upload && http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
            await next(http);
        });
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
