using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossiers.Bench.Load;

/// <summary>One HTTP call = one command (POST) or one read (GET), timed from send to the whole body read.</summary>
public sealed class ApiClient(HttpClient http, string baseUrl)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static HttpClient CreateHttp() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 128,
        PooledConnectionLifetime = TimeSpan.FromMinutes(30),
    }) { Timeout = TimeSpan.FromSeconds(60) };

    public string BaseUrl => baseUrl;

    /// <summary>
    /// The seconds the API's JIT has spent compiling since it started (the runtime's meter on /metrics), or null when
    /// the API does not say.
    /// </summary>
    public async Task<double?> JitSeconds()
    {
        var metrics = await http.GetStringAsync(baseUrl + "/metrics");
        foreach (var line in metrics.Split('\n'))
        {
            if (!line.StartsWith("dotnet_jit_compilation_time", StringComparison.Ordinal)) continue;
            // name{labels} value [timestamp]
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
                return seconds;
        }
        return null;
    }

    public async Task<Answer> Send(HttpMethod method, string path, string token, object? body, PhaseRecorder? recorder, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, baseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (method == HttpMethod.Post && body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var millis = watch.Elapsed.TotalMilliseconds;
        if (recorder is { Recording: true })
        {
            if (method == HttpMethod.Get) recorder.Read(millis); else recorder.Command(millis, KindOf(path));
        }
        return new Answer(response.StatusCode, text);
    }

    // POST /api/dossiers is a submit; any other command is named by its last path segment (…/tasks/{task}/complete).
    private static string KindOf(string path) =>
        path.TrimEnd('/') is var p && p.EndsWith("/api/dossiers", StringComparison.Ordinal) ? "submit" : p[(p.LastIndexOf('/') + 1)..];

    public readonly record struct Answer(HttpStatusCode Status, string Body)
    {
        public bool Ok => (int)Status is >= 200 and < 300;
        public BenchView View => JsonSerializer.Deserialize<BenchView>(Body, Json) ?? throw new InvalidOperationException("Empty dossier view.");
        public T As<T>() => JsonSerializer.Deserialize<T>(Body, Json) ?? throw new InvalidOperationException($"Empty {typeof(T).Name}.");
        public string Describe(string what) => $"{what}: {(int)Status} {Body[..Math.Min(Body.Length, 300)]}";
    }
}
