using System.Diagnostics;
using Marten;

namespace Dossiers.Bench.Store;

public sealed record RebuildResult(string Projection, double Seconds, double EventsPerSecond);

/// <summary>
/// Replays projections from the whole store the way <c>dossiers rebuild</c> does (src/Api/Audit/AuditCommands.cs):
/// the daemon's RebuildProjectionAsync per projection name, timed one by one.
/// </summary>
public static class ProjectionRebuild
{
    /// <summary>
    /// The default subset: the daemon's projection of every asynchronous read model (the boards read them, and one left
    /// behind would be caught up by the API's daemon during the query phase and disturb it; the query phase times the
    /// search on its entries) plus the inline dossier snapshot, the costliest.
    /// </summary>
    private static readonly string[] Representative = ["DossierViews", "Dossier"];

    public static async Task<IReadOnlyList<RebuildResult>> Run(string connectionString, bool all)
    {
        using var store = BenchStores.WithProjections(connectionString);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var statistics = await store.Advanced.FetchEventStoreStatistics();
        var names = store.Options.Projections.AllProjectionNames().Select(n => n.Trim('\'', '"')).ToList();
        Console.WriteLine($"  {statistics.EventCount:N0} events in {statistics.StreamCount:N0} streams; projections: {string.Join(", ", names)}");
        var chosen = all ? names : [.. names.Where(n => Representative.Any(r => n.EndsWith(r, StringComparison.Ordinal)))];
        using var daemon = await store.BuildProjectionDaemonAsync();
        var results = new List<RebuildResult>();
        foreach (var name in chosen)
        {
            var watch = Stopwatch.StartNew();
            await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            results.Add(new RebuildResult(name, Stats.Round(seconds), Stats.Round(statistics.EventCount / seconds)));
            Console.WriteLine($"  {name}: {seconds:0.0} s ({statistics.EventCount / seconds:N0} events/s)");
        }
        return results;
    }
}
