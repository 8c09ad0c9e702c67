using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using FakePortal;
using JasperFx.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Wolverine;

namespace Dossiers.Tests.Dvcqg;

/// <summary>The fake national portal as a real HTTP server on a free port of this machine, in this process.</summary>
public sealed class RunningPortal : IAsyncDisposable
{
    public PortalServer Server { get; } = new();
    public Uri Address { get; }
    private readonly WebApplication _app;

    private RunningPortal(Uri address)
    {
        Address = address;
        _app = PortalServer.Build(["--urls", address.ToString()], Server);
    }

    public static async Task<RunningPortal> Start()
    {
        var portal = new RunningPortal(new Uri($"http://127.0.0.1:{FreePort()}"));
        await portal._app.StartAsync();
        return portal;
    }

    /// <summary>What an API needs to send here (Dvcqg:*), with quick retries so a test waits seconds, not minutes.</summary>
    public IReadOnlyDictionary<string, string> Settings(string separator = ":") => new Dictionary<string, string>
    {
        [$"Dvcqg{separator}BaseUrl"] = Address.ToString(),
        [$"Dvcqg{separator}Username"] = PortalServer.Username,
        [$"Dvcqg{separator}Password"] = PortalServer.Password,
        [$"Dvcqg{separator}AttemptTimeout"] = "00:00:01",
        [$"Dvcqg{separator}RetryDelay"] = "00:00:00.100",
        [$"Dvcqg{separator}MaxBackoff"] = "00:00:00.500",
    };

    /// <summary>The DongBoHoSoMC records received for one dossier code, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Records(string code) =>
        [.. Server.Received.Where(r => r.Service == "DongBoHoSoMC" && (string?)r.Record["MaHoSo"] == code).Select(r => r.Record)];

    /// <summary>Every update id received for the dossier (its code or, before acceptance, its id), in arrival order.</summary>
    public IReadOnlyList<string> UpdateIds(Guid dossierId) =>
        [.. Server.Received.Select(r => (string)r.Record["MaCapNhat"]!).Where(id => id.StartsWith($"{dossierId:N}-", StringComparison.Ordinal))];

    /// <summary>Waits until the portal holds the DongBoHoSoMC record with this status for the dossier code.</summary>
    public Task<JsonObject> Until(string code, int status, TimeSpan? within = null) =>
        Eventually.Get(() => Task.FromResult(Records(code).FirstOrDefault(r => (int)r["TrangThaiHoSo"]! == status)),
            within ?? TimeSpan.FromSeconds(30), $"status {status} of {code} at the portal");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// An API host with sync on, pointed at a fake portal, in a schema of its own (so its daemon's subscription is the only
/// one sending, and the suite's shared host, with sync off, is untouched).
/// </summary>
public sealed class SyncingHost : IAsyncLifetime
{
    public const string Schema = "dvcqg_test";

    public RunningPortal Portal { get; private set; } = null!;
    public IAlbaHost Host { get; private set; } = null!;
    public ShiftedClock Clock { get; } = new(ShiftedClock.MondayMorning);
    public CapturedLogs Logs { get; } = new();

    public async Task InitializeAsync()
    {
        await using (var database = NpgsqlDataSource.Create(Environment.GetEnvironmentVariable("DOSSIERS_DB")
            ?? throw new InvalidOperationException("Integration tests need PostgreSQL: run ./test.sh.")))
        await using (var drop = database.CreateCommand($"drop schema if exists {Schema} cascade"))
            await drop.ExecuteNonQueryAsync();
        Portal = await RunningPortal.Start();
        JasperFxEnvironment.AutoStartHost = true;
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Marten:Schema", Schema);
            builder.UseSetting("Wolverine:Solo", "true");
            // A short readiness bound, so a test can show that the portal's outage does not count against it.
            builder.UseSetting("Health:MaxProjectionLag", "00:00:03");
            builder.UseSetting("Health:GaugeInterval", "00:00:00.500");
            foreach (var (key, value) in Portal.Settings()) builder.UseSetting(key, value);
            builder.ConfigureServices(services =>
            {
                services.DisableAllExternalWolverineTransports();
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<ILoggerProvider>(Logs);
            });
        });
    }

    public string Token(string role, string? agency = null, string? user = null) =>
        DevelopmentTokens.Mint(Host.Services.GetRequiredService<AuthSettings>(), role, agency, user);

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Portal is not null) await Portal.DisposeAsync();
    }
}

/// <summary>A dossier walked through the API as the desk and the police would, over any HTTP client (a test host or a node).</summary>
public sealed class DossierWalk(HttpClient http, Func<string, string?, string> token)
{
    public const string Procedure = "1.004194", Centre = "057.01.90.H48", Police = "057.02.90.H48";

    private string Desk => token(Roles.Desk, Centre);
    private string Officer => token(Roles.Officer, Police);

    public async Task<JsonObject> Post(string url, string bearer, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{url}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<(Guid Id, string? Code)> Submitted(string name, string channel = "desk")
    {
        var dossier = await Post("/api/dossiers", Desk, new
        {
            procedureCode = Procedure,
            channel,
            applicant = new { name, idNumber = "051090000123", phone = "0912345678", email = "an@example.vn" },
            documents = new[] { new { name = "Tờ khai", kind = "original", digitized = true } },
        });
        return (Guid.Parse((string)dossier["id"]!), null);
    }

    public async Task<(Guid Id, string Code)> Accepted(string name, string channel = "desk")
    {
        var (id, _) = await Submitted(name, channel);
        var accepted = await Post($"/api/dossiers/{id}/accept", Desk);
        return (id, (string)accepted["code"]!);
    }

    /// <summary>Accepted, appraised, approved, the result ready (DVCQG 9) and handed over (10).</summary>
    public async Task<(Guid Id, string Code)> Returned(string name, string channel = "desk")
    {
        var (id, code) = await Accepted(name, channel);
        await Post($"/api/dossiers/{id}/tasks/appraise/complete", Officer, new { outcome = "Approved" });
        await Post($"/api/dossiers/{id}/tasks/approve/complete", Officer, new { outcome = "Approved" });
        await Post($"/api/dossiers/{id}/tasks/return/complete", Desk, new { outcome = "Done" });
        await Post($"/api/dossiers/{id}/return", Desk, new { note = "Trả tại quầy" });
        return (id, code);
    }
}
