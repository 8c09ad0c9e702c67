using System.Diagnostics;

namespace Dossiers.Bench;

/// <summary>
/// The API as production runs it: the Release build in its own process, so the bench's client work and the server's
/// never share a thread pool or a garbage collector. Its output goes to a log file under bench/results/tmp/.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private const string ApiPrefix = "BENCH_API_";
    public const string SigningKey = "bench-signing-key-0123456789-abcdefghijklmnop";
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ApiProcess(Process process, StreamWriter log) { _process = process; _log = log; }

    public int Id => _process.Id;

    /// <param name="connectionString">Another database address (the cost phase points the API at its wire proxy).</param>
    /// <param name="environment">Extra environment variables for the API process.</param>
    public static async Task<ApiProcess> Start(BenchOptions options, string label, HttpClient http, string? connectionString = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var bin = Path.Combine(options.RepoRoot, "src", "Api", "bin", "Release", "net10.0");
        var logFolder = Path.Combine(options.RepoRoot, "bench", "results", "tmp");
        Directory.CreateDirectory(logFolder);
        var log = new StreamWriter(Path.Combine(logFolder, $"api-{label}.log")) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet", "Dossiers.Api.dll")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["DOSSIERS_DB"] = connectionString ?? options.ConnectionString;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{options.ApiPort}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Auth__SigningKey"] = SigningKey;
        // Production refuses to start without the secret of the result links printed on receipts (docs/files.md).
        start.Environment["Lookup__ResultLinkSecret"] = "bench-result-link-secret-0123456789-abcdef";
        start.Environment["Wolverine__Solo"] = "true";
        // The bench drops its database on every run: the one node applies the schema itself (README, Operations).
        start.Environment["Database__ApplySchemaOnStart"] = "true";
        start.Environment["Workflows__Path"] = Path.Combine(options.RepoRoot, "workflows");
        start.Environment["Calendars__Path"] = Path.Combine(options.RepoRoot, "calendars");
        start.Environment["Lookup__PermitsPerMinute"] = "100000";
        // Request logging at Information would measure the console, not the engine.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        // For experiments on the API alone (the bench's own client and raw phase keep their settings):
        // BENCH_API_DOTNET_gcServer=0 reaches the API as DOTNET_gcServer=0.
        foreach (var (name, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                     .Select(e => ((string)e.Key, (string?)e.Value)).Where(e => e.Item1.StartsWith(ApiPrefix, StringComparison.Ordinal)))
            start.Environment[name[ApiPrefix.Length..]] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the API.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new ApiProcess(process, log);

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The API exited with code {process.ExitCode}; see bench/results/tmp/api-{label}.log.");
            try
            {
                using var health = await http.GetAsync($"http://127.0.0.1:{options.ApiPort}/health");
                if (health.IsSuccessStatusCode)
                {
                    Console.WriteLine($"  API up in {watch.Elapsed.TotalSeconds:0.0} s");
                    return api;
                }
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        await api.DisposeAsync();
        throw new TimeoutException($"The API did not answer /health within 90 s; see bench/results/tmp/api-{label}.log.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }
}
