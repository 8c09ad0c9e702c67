using Alba;
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

    public virtual async Task InitializeAsync() => await Host.ResetAllMartenDataAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected string Token(string role, string? agency = null, string? user = null) => Fixture.Token(role, agency, user);

    /// <summary>How many events the whole store holds: "nothing was appended" is checked with this.</summary>
    protected async Task<long> EventCount()
    {
        await using var session = Store.QuerySession();
        return await session.Events.QueryAllRawEvents().CountAsync();
    }
}
