using Alba;
using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Wolverine;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// A process has one pool of PostgreSQL connections (Database:MaxPoolSize). When a burst keeps every one of them busy
/// for longer than a request may wait, the request is answered 503 with Retry-After, never 500, and the service is
/// itself again as soon as the burst ends. A second host of its own, in its own schema, with a pool of two.
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_the_connection_budget_is_spent : IAsyncLifetime
{
    private IAlbaHost _host = null!;

    public async Task InitializeAsync()
    {
        JasperFxEnvironment.AutoStartHost = true;
        _host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("DOSSIERS_DB", Environment.GetEnvironmentVariable("DOSSIERS_DB") + ";Timeout=1");
            builder.UseSetting("Marten:Schema", "budget_test");
            builder.UseSetting("Database:MaxPoolSize", "2");
            builder.UseSetting("Wolverine:Solo", "true");
            builder.ConfigureServices(services => services.DisableAllExternalWolverineTransports());
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task requests_that_find_every_connection_busy_are_answered_503_with_retry_after_and_the_next_ones_are_served()
    {
        var token = DevelopmentTokens.Mint(_host.Services.GetRequiredService<AuthSettings>(), Roles.Auditor);
        var missing = $"/api/dossiers/{Guid.CreateVersion7()}";
        await Get(missing, token);   // the schema exists and the pool is warm

        // The burst: something holds both connections of the budget for longer than a request may wait (1 s here).
        var pool = _host.Services.GetRequiredService<NpgsqlDataSource>();
        var held = new[] { await pool.OpenConnectionAsync(), await pool.OpenConnectionAsync() };
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Get(missing, token)));
        foreach (var connection in held) await connection.DisposeAsync();

        answers.ShouldAllBe(a => a.Status == 503 && a.RetryAfter == "2" && a.Body.Contains("Service busy") && !a.Body.Contains("Npgsql"));
        (await Get(missing, token)).Status.ShouldBe(404);
    }

    private async Task<(int Status, string? RetryAfter, string Body)> Get(string url, string token)
    {
        var result = await _host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(token);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, result.Context.Response.Headers.RetryAfter.FirstOrDefault(), await result.ReadAsTextAsync());
    }
}
