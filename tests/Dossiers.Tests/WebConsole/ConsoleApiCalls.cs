using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Tests.Fixtures;
using Dossiers.Tests.Nodes;
using Microsoft.Extensions.Configuration;

namespace Dossiers.Tests.WebConsole;

/// <summary>
/// The API of the console's process called directly, as any client would: to put dossiers in the store before a page
/// shows them, and to read the figures a page must agree with. Tokens are minted with the development key the process
/// runs with (src/Api/appsettings.Development.json), as the token command does.
/// </summary>
public static class ConsoleApiCalls
{
    public static readonly IConfiguration Development = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryRoot.Path, "src", "Api", "appsettings.Development.json")).Build();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Token(string role, string? agency = null, string? user = null) =>
        DevelopmentTokens.Mint(AuthSettings.From(Development), role, agency, user);

    public static async Task<T> Get<T>(this ApiNode api, string url, string token)
    {
        using var answer = await api.Send(HttpMethod.Get, url, token);
        answer.EnsureSuccessStatusCode();
        return (await answer.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static async Task<DossierView> Command(this ApiNode api, string url, string token, object? body = null)
    {
        using var answer = await api.Send(HttpMethod.Post, url, token, body is null ? null : JsonContent.Create(body, options: Json));
        answer.IsSuccessStatusCode.ShouldBeTrue($"{url}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        return (await answer.Content.ReadFromJsonAsync<DossierView>(Json))!;
    }

    /// <summary>A dossier submitted and accepted at a centre's desk; with <paramref name="acknowledge"/>, its first step acknowledged by its unit.</summary>
    public static async Task<DossierView> AcceptedDossier(this ApiNode api, string centre, string procedure, bool acknowledge = false)
    {
        var desk = Token(Roles.Desk, centre, "lan");
        var submitted = await api.Command("/api/dossiers", desk, Scenarios.SubmitRequest(procedure));
        var accepted = await api.Command($"/api/dossiers/{submitted.Id}/accept", desk);
        if (!acknowledge) return accepted;
        var task = accepted.Tasks[0];
        return await api.Command($"/api/dossiers/{accepted.Id}/tasks/{task.TaskId}/acknowledge", Token(Roles.Officer, task.Agency, "minh"));
    }
}
