using System.Diagnostics;
using Dossiers.Projections.Audit;
using Marten;

namespace Dossiers.Api.Audit;

/// <summary>The auditors' command-line verbs: verify every stream's hash chain; rebuild every projection.</summary>
public static class AuditCommands
{
    /// <summary><c>verify</c>: checks all streams; prints each broken one with its problems; exit 1 when any is broken.</summary>
    public static async Task<int> Verify(ChainVerifier verifier, TextWriter output, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var checkedStreams = 0;
        var broken = 0;
        await verifier.VerifyAll(report =>
        {
            checkedStreams++;
            if (!report.Intact)
            {
                broken++;
                output.WriteLine($"stream {report.StreamId}: {report.Problems.Count} problem(s)");
                foreach (var problem in report.Problems) output.WriteLine($"  v{problem.Version} {problem.Kind}: {problem.Detail}");
            }
            if (checkedStreams % 1000 == 0) output.WriteLine($"... {checkedStreams} streams checked");
        }, ct);
        output.WriteLine($"{checkedStreams} stream(s) checked in {watch.Elapsed.TotalSeconds:0.0} s: " +
                         (broken == 0 ? "every hash chain is intact." : $"{broken} stream(s) altered."));
        return broken == 0 ? 0 : 1;
    }

    /// <summary><c>rebuild</c>: replays every projection from the events, showing progress, and reports the time each took.</summary>
    public static async Task<int> Rebuild(IDocumentStore store, TextWriter output, CancellationToken ct = default)
    {
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var statistics = await store.Advanced.FetchEventStoreStatistics(token: ct);
        output.WriteLine($"{statistics.EventCount} events in {statistics.StreamCount} streams.");
        using var daemon = await store.BuildProjectionDaemonAsync();
        // The portal's sender is a subscription, not a read model: replaying it would send the whole history again.
        foreach (var projection in ((DocumentStore)store).Options.Projections.AllProjectionNames().Select(n => n.Trim('\''))
                     .Where(n => n != Dvcqg.PortalSyncSubscription.SubscriptionId))
        {
            var watch = Stopwatch.StartNew();
            using var progress = new Timer(_ => output.Write($"\r  {projection}: {watch.Elapsed.TotalSeconds:0} s"), null, 1000, 1000);
            await daemon.RebuildProjectionAsync(projection, TimeSpan.FromMinutes(30), ct);
            await progress.DisposeAsync();
            var rate = watch.Elapsed.TotalSeconds > 0 ? statistics.EventCount / watch.Elapsed.TotalSeconds : 0;
            output.WriteLine($"\r  {projection}: rebuilt in {watch.Elapsed.TotalSeconds:0.0} s ({rate:0} events/s)");
        }
        output.WriteLine("All projections rebuilt.");
        return 0;
    }
}
