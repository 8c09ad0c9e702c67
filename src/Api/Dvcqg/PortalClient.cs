using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossiers.Engine.Dvcqg;

namespace Dossiers.Api.Dvcqg;

/// <summary>The portal refused an update or a login, or answered with something else than success.</summary>
public sealed class PortalRefused(string reason) : Exception(reason);

/// <summary>
/// The session token of the portal's legacy adapter, shared by every send of the process: one login at a time, and a
/// refused token is forgotten once so the next send logs in again.
/// </summary>
public sealed class PortalSession
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;

    public async Task<string> Current(Func<Task<string>> login, CancellationToken ct)
    {
        if (_token is { } known) return known;
        await _gate.WaitAsync(ct);
        try { return _token ??= await login(); }
        finally { _gate.Release(); }
    }

    public void Forget(string token) => Interlocked.CompareExchange(ref _token, null, token);
}

/// <summary>
/// The legacy adapter's wire contract (docs/dvcqg.md §2): <c>POST login</c> for a session, then <c>POST sync</c> with
/// the header <c>session</c>, one record per call. Transient failures (5xx, 408, 429, time-outs, broken connections)
/// are retried with backoff by the resilience handler under this client (DvcqgSetup); a refused session (HTTP 401 or
/// the configured error_code) logs in again here, once per send; anything else is a <see cref="PortalRefused"/> the
/// sender retries later.
/// </summary>
public sealed class PortalClient(HttpClient http, PortalSession session, PortalSettings settings)
{
    // The portal's own spelling: PascalCase record fields, snake_case envelope fields written by hand below.
    internal static readonly JsonSerializerOptions Json = new()
    {
        Encoder = global::Dossiers.Projections.JsonText.Encoder,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    private sealed record Answer([property: JsonPropertyName("error_code")] int? ErrorCode, [property: JsonPropertyName("session")] string? Session);

    public async Task Send(PortalUpdate update, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await session.Current(() => Login(ct), ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, "sync")
            {
                Content = JsonContent.Create(new Dictionary<string, object>
                {
                    ["service"] = update.Service,
                    ["isUpdating"] = update.IsUpdating,
                    ["data"] = new[] { update.Record },
                }, options: Json),
            };
            request.Headers.Add("session", token);
            using var response = await http.SendAsync(request, ct);
            var answer = await Read(response, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized || answer?.ErrorCode == settings.SessionErrorCode)
            {
                session.Forget(token);
                if (attempt == 0) continue;   // a fresh session, once; a second refusal is the sender's to retry later
                throw new PortalRefused("the portal refused a fresh session");
            }
            if (!response.IsSuccessStatusCode) throw new PortalRefused($"HTTP {(int)response.StatusCode}");
            if (answer?.ErrorCode is not 0) throw new PortalRefused($"error_code {answer?.ErrorCode?.ToString() ?? "missing"}");
            return;
        }
    }

    private async Task<string> Login(CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("login", new { username = settings.Username, password = settings.Password }, Json, ct);
        var answer = await Read(response, ct);
        if (!response.IsSuccessStatusCode) throw new PortalRefused($"login: HTTP {(int)response.StatusCode}");
        if (answer is not { ErrorCode: 0, Session: { Length: > 0 } token })
            throw new PortalRefused($"login: error_code {answer?.ErrorCode?.ToString() ?? "missing"}");
        return token;
    }

    private static async Task<Answer?> Read(HttpResponseMessage response, CancellationToken ct)
    {
        try { return await response.Content.ReadFromJsonAsync<Answer>(Json, ct); }
        catch (JsonException) { return null; }   // an HTML error page from a proxy: the status code says enough
    }
}
