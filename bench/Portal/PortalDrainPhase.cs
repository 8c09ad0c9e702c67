using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using FakePortal;

namespace Dossiers.Bench.Portal;

/// <summary>How fast the national-portal sync delivers: updates the fake portal acknowledged per second over a window.</summary>
public sealed record PortalDrainResult(double Seconds, int Updates, double UpdatesPerSecond, int Logins, int Duplicates);

/// <summary>
/// Issue 17's bench line. The load phases left thousands of dossiers behind; an API started with sync on sends their
/// history to the fake portal (a real HTTP server, in this process) in order, as a centre turning sync on would. The
/// rate is counted over a fixed window once the API is up, from the updates the portal acknowledged. The command path
/// does not change with sync on (the sender is a subscription of the daemon), so the load phases run without it.
/// </summary>
public static class PortalDrainPhase
{
    public static async Task<PortalDrainResult> Run(BenchOptions options, HttpClient http)
    {
        var server = new PortalServer();
        var port = FreePort();
        await using var portal = PortalServer.Build(["--urls", $"http://127.0.0.1:{port}"], server);
        await portal.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["Dvcqg__BaseUrl"] = $"http://127.0.0.1:{port}",
            ["Dvcqg__Username"] = PortalServer.Username,
            ["Dvcqg__Password"] = PortalServer.Password,
        };
        var window = options.Quick ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);
        await using (await ApiProcess.Start(options, "drain", http, environment: environment))
        {
            var before = server.Received.Count;
            var watch = Stopwatch.StartNew();
            await Task.Delay(window);   // a measuring window, not a wait for something to happen
            var updates = server.Received.Count - before;
            var seconds = watch.Elapsed.TotalSeconds;
            var result = new PortalDrainResult(Math.Round(seconds, 1), updates, Math.Round(updates / seconds, 1), server.Logins, server.Duplicates);
            Console.WriteLine($"  portal sync: {result.UpdatesPerSecond:N0} updates/s acknowledged over {result.Seconds:0} s ({result.Updates:N0} updates, {result.Logins} login(s), {result.Duplicates} duplicate(s))");
            return result;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
