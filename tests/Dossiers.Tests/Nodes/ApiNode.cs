using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.Http.Headers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Nodes;

/// <summary>
/// The API as a real process of its own (the build the suite just made), on the suite's PostgreSQL, as a centre runs it
/// on several machines: Balanced durability, the async daemon elected by advisory lock. <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed class ApiNode : IAsyncDisposable
{
    private readonly Process? _process;
    private bool _disposed;
    private readonly ConcurrentQueue<string> _output = new();

    public string Name { get; }
    public Uri Address { get; }
    public HttpClient Http { get; }

    /// <summary>The node's operating-system process id (to read its memory in /proc); null for <see cref="Nowhere"/>.</summary>
    public int? ProcessId => _process?.Id;

    private ApiNode(string name, Uri address, Process? process)
    {
        Name = name;
        Address = address;
        _process = process;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>How a node runs: its schema, and either Development with a shifted clock or Production with a key.</summary>
    public sealed record Settings(string Schema, TimeSpan ClockOffset = default, string? ProductionSigningKey = null,
        IReadOnlyDictionary<string, string>? Environment = null);

    private static readonly string Binaries = Path.Combine(RepositoryRoot.Path, "src", "Api", "bin", "Debug", "net10.0");

    /// <summary>The API's binaries with the suite's database and these settings; <paramref name="arguments"/> name a CLI verb.</summary>
    private static ProcessStartInfo Process(Settings settings, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(Binaries, "Dossiers.Api.dll"), .. arguments])
        {
            WorkingDirectory = Binaries,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["DOSSIERS_DB"] = System.Environment.GetEnvironmentVariable("DOSSIERS_DB"),
                ["Marten__Schema"] = settings.Schema,
                ["ASPNETCORE_ENVIRONMENT"] = settings.ProductionSigningKey is null ? "Development" : "Production",
                ["Wolverine__Solo"] = "false",
                ["Wolverine__ScheduledJobPollingTime"] = "00:00:00.250",
                ["Workflows__Path"] = Path.Combine(RepositoryRoot.Path, "workflows"),
                ["Calendars__Path"] = Path.Combine(RepositoryRoot.Path, "calendars"),
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        if (settings.ClockOffset != TimeSpan.Zero) start.Environment["Clock__Offset"] = settings.ClockOffset.ToString("c");
        if (settings.ProductionSigningKey is { } key)
        {
            start.Environment["Auth__SigningKey"] = key;
            start.Environment["Lookup__ResultLinkSecret"] = key;   // Production also refuses to start without it
        }
        foreach (var (name, value) in settings.Environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        return start;
    }

    /// <summary>Runs a CLI verb (rebuild, verify, resources setup) to its end: its exit code and everything it printed.</summary>
    public static Task<(int ExitCode, string Output)> Run(Settings settings, params string[] verb) => Processes.Run(Process(settings, verb));

    /// <summary>Starts a node on a free port and returns once its health check answers 200.</summary>
    public static async Task<ApiNode> Start(string name, Settings settings)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = Process(settings);
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        var process = System.Diagnostics.Process.Start(start)!;
        var node = new ApiNode(name, address, process);
        process.OutputDataReceived += (_, line) => node.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => node.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            // A host that failed to start still takes its shutdown timeout (30 s) to exit: the log line is enough.
            if (process.HasExited || node._output.Any(line => line.Contains("Hosting failed to start")))
            {
                node.Kill();
                process.WaitForExit();   // until its output is read to the end
                throw new InvalidOperationException($"Node {name} failed to start:\n{string.Join("\n", node._output)}");
            }
            try
            {
                if ((await node.Http.GetAsync("/health")).StatusCode == HttpStatusCode.OK) return node;
            }
            catch (HttpRequestException) { }   // not listening yet
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Node {name} did not become healthy:\n{node.LastOutput()}");
            await Task.Delay(100);
        }
    }

    /// <summary>A request to this node: with a bearer token unless the route is anonymous, a body and headers if given.</summary>
    public async Task<HttpResponseMessage> Send(HttpMethod method, string url, string? token = null, HttpContent? body = null,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers) request.Headers.Add(name, value);
        return await Http.SendAsync(request);
    }

    /// <summary>A GET's status, Retry-After (in seconds) and body.</summary>
    public async Task<(int Status, string? RetryAfter, string Body)> Get(string url, string? token = null)
    {
        using var answer = await Send(HttpMethod.Get, url, token);
        return ((int)answer.StatusCode, answer.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(), await answer.Content.ReadAsStringAsync());
    }

    /// <summary>No process: an address where nothing listens, for a client that finds every node down.</summary>
    public static ApiNode Nowhere() => new("nowhere", new Uri($"http://127.0.0.1:{FreePort()}"), null);

    /// <summary>SIGKILL: no shutdown hook runs, open transactions die with their connections.</summary>
    public void Kill()
    {
        if (_process is null || _process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public string LastOutput() => string.Join("\n", _output.TakeLast(40));

    private void Keep(string? line)
    {
        if (line is null) return;
        _output.Enqueue(line);
        while (_output.Count > 400) _output.TryDequeue(out _);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed) return ValueTask.CompletedTask;
        _disposed = true;
        Http.Dispose();
        Kill();
        _process?.Dispose();
        return ValueTask.CompletedTask;
    }
}
