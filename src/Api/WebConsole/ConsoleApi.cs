using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Dossiers.Api.WebConsole;

/// <summary>
/// The console's way to the dossiers: the service's own HTTP API, called over loopback with the signed-in person's API
/// token. The decider, the read models, the authorization (roles, agency, jurisdiction), the validation and the
/// problem details are therefore exactly the API's; no page holds a rule of its own (docs/decisions.md, "Web console").
/// </summary>
public sealed class ConsoleApi(IHttpClientFactory clients, IHttpContextAccessor accessor, IServer server, ConsoleSettings settings)
{
    public const string ClientName = "console-api";

    /// <summary>The API's own JSON convention (DossierStore.ConfigureJson), to read what it answers and write what it takes.</summary>
    public static readonly JsonSerializerOptions Json = ApiJson();

    private static JsonSerializerOptions ApiJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Hosting.DossierStore.ConfigureJson(json);
        return json;
    }

    public Task<ApiAnswer> Get(string url, CancellationToken ct = default) => Send(HttpMethod.Get, url, null, ct);

    public Task<ApiAnswer> Post(string url, object? body, CancellationToken ct = default) =>
        Send(HttpMethod.Post, url, body is null ? null : JsonContent.Create(body, options: Json), ct);

    public async Task<ApiAnswer> Send(HttpMethod method, string url, HttpContent? content, CancellationToken ct = default)
    {
        var http = accessor.HttpContext ?? throw new InvalidOperationException("The console's API client is used outside a request.");
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress(), url)) { Content = content };
        if (await http.GetTokenAsync(ConsoleSetup.Scheme, ConsoleIdentity.AccessToken) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // The person's own correlation: the API's logs and events name the console request that caused them.
        request.Headers.TryAddWithoutValidation("X-Correlation-Id", http.TraceIdentifier);
        using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return new ApiAnswer(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    private Uri? _baseAddress;

    /// <summary>Console:ApiAddress, or the first address this server listens on (a wildcard host becomes loopback).</summary>
    private Uri BaseAddress() => _baseAddress ??= new Uri(settings.ApiAddress ?? Loopback(
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
        ?? throw new InvalidOperationException("The server reports no address: set Console:ApiAddress.")));

    private static string Loopback(string address)
    {
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return uri.Uri.ToString();
    }
}

/// <summary>One answer of the API: its status, body, and the problem details when it refused.</summary>
public sealed record ApiAnswer(HttpStatusCode Status, string Body, string? MediaType)
{
    public bool Ok => (int)Status is >= 200 and < 300;

    public T Read<T>() => JsonSerializer.Deserialize<T>(Body, ConsoleApi.Json)
        ?? throw new InvalidOperationException($"The API answered {(int)Status} with no {typeof(T).Name}.");

    /// <summary>The RFC 7807 problem the API answered (title, detail, and errors keyed by the field's JSON path).</summary>
    public ApiProblem Problem()
    {
        if (MediaType is "application/problem+json" or "application/json" && Body.Length > 0)
        {
            try
            {
                var problem = JsonSerializer.Deserialize<ApiProblem>(Body, ConsoleApi.Json);
                if (problem is not null) return problem with { Status = (int)Status };
            }
            catch (JsonException) { }
        }
        return new ApiProblem((int)Status, null, null, null);
    }
}

public sealed record ApiProblem(int Status, string? Title, string? Detail, Dictionary<string, string[]>? Errors)
{
    /// <summary>The messages for one field (by its JSON path), or none.</summary>
    public IReadOnlyList<string> For(string field) => Errors?.GetValueOrDefault(field) ?? [];
}
