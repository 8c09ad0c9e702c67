using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Tracking;

namespace Dossiers.Tests.Fixtures;

/// <summary>Base for tests against the real host: the event store starts empty for every test class.</summary>
[Collection(IntegrationCollection.Name)]
public abstract class IntegrationContext(AppFixture fixture) : IAsyncLifetime
{
    protected AppFixture Fixture { get; } = fixture;
    protected IAlbaHost Host => Fixture.Host;
    protected IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();
    protected Npgsql.NpgsqlDataSource Database => Host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();

    public virtual async Task InitializeAsync()
    {
        await Host.ResetAllMartenDataAsync();
        // The dossiers the node remembers are gone with the data: a timer of an earlier test would otherwise find one.
        Host.Services.GetRequiredService<Dossiers.Projections.Dossiers.RecentDossierStates>().Clear();
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected string Token(string role, string? agency = null, string? user = null, string? position = null) =>
        Fixture.Token(role, agency, user, position);

    /// <summary>
    /// A shipped definition renumbered: what a test submits as a new version. Published versions outlive a test class
    /// (the workflow library keeps them), so each class uses version numbers of its own.
    /// </summary>
    /// <remarks>Public for the browser tests, which publish through the console.</remarks>
    public static JsonObject ShippedDefinition(string definitionId, int version)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", $"{definitionId}.v1.json")))!.AsObject();
        json["version"] = version;
        return json;
    }

    /// <summary>Submitted by an integrator and approved by a controller: new dossiers of its procedure start on it.</summary>
    protected async Task Publish(JsonObject definition)
    {
        var url = $"/api/workflows/{definition["definitionId"]}/{definition["version"]}/approve";
        foreach (var (role, to, body) in new[] { (Roles.Integrator, "/api/workflows", definition.ToJsonString()), (Roles.Controller, url, "{}") })
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Text(body).ToUrl(to);
                s.WithRequestHeader("Content-Type", "application/json");
                s.WithBearerToken(Token(role));
                s.IgnoreStatusCode();
            });
            result.Context.Response.StatusCode.ShouldBeOneOf([200, 201], await result.ReadAsTextAsync());
        }
    }

    /// <summary>How many events the whole store holds: "nothing was appended" is checked with this.</summary>
    protected async Task<long> EventCount()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
