using Alba;
using Dossiers.Api.Auth;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wolverine;

namespace Dossiers.Tests.Fixtures;

/// <summary>
/// One real API host per test run, on the real PostgreSQL that ./test.sh starts (DOSSIERS_DB).
/// Nothing is mocked: HTTP, authentication, Wolverine and Marten are the production ones.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public IAlbaHost Host { get; private set; } = null!;   // set in InitializeAsync

    /// <summary>The host's clock: a working Monday morning when the run starts (see <see cref="ShiftedClock"/>).</summary>
    public ShiftedClock Clock { get; } = new(ShiftedClock.MondayMorning);

    /// <summary>Every log line of the run, at every level.</summary>
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("DOSSIERS_DB")))
            throw new InvalidOperationException("Integration tests need PostgreSQL: run ./test.sh, or set DOSSIERS_DB to a Npgsql connection string.");
        JasperFxEnvironment.AutoStartHost = true;   // Program ends in RunJasperFxCommands
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Wolverine:Solo", "true");
            builder.UseSetting("Wolverine:ScheduledJobPollingTime", "00:00:00.200");
            builder.UseSetting("Lookup:PermitsPerMinute", "20");
            builder.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<ILoggerProvider>(Logs);
            });
        });
    }

    public string Token(string role, string? agency = null, string? user = null, string? position = null) =>
        DevelopmentTokens.Mint(Host.Services.GetRequiredService<AuthSettings>(), role, agency, user, position: position);

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "integration";
}
