using System.Net;
using System.Net.Http.Json;
using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossiers.Tests.Nodes;

/// <summary>
/// A Production node never creates schema on its own (two nodes starting at once raced to): on a database nobody set
/// up it refuses to start and says what to run; after `resources setup` it starts, is ready and serves commands.
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_deploying_in_production(AppFixture fixture) : IAsyncLifetime
{
    private const string Schema = "production_test";

    private ApiNode.Settings Production => new(Schema, ProductionSigningKey: fixture.Host.Services.GetRequiredService<AuthSettings>().SigningKey);

    private NpgsqlDataSource Database => fixture.Host.Services.GetRequiredService<NpgsqlDataSource>();

    public async Task InitializeAsync() => await Database.Execute($"drop schema if exists {Schema} cascade");

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task nodes_start_only_on_a_schema_applied_before_them_by_resources_setup()
    {
        var refused = await Should.ThrowAsync<InvalidOperationException>(() => ApiNode.Start("early", Production));
        refused.Message.ShouldContain("resources setup");
        (await Database.Scalar($"select count(*) from information_schema.tables where table_schema = '{Schema}'")).ShouldBe(0L);

        var (exitCode, printed) = await ApiNode.Run(Production, "resources", "setup");
        exitCode.ShouldBe(0, printed);

        await using var node = await ApiNode.Start("after-setup", Production);
        (await node.Http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await node.Send(HttpMethod.Post, "/api/dossiers", fixture.Token(Roles.Desk, "057.01.90.H48", "desk.production"),
            JsonContent.Create(Scenarios.SubmitRequest()), ("Idempotency-Key", "first-production-dossier"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }
}
