using System.Diagnostics;
using Npgsql;

namespace Dossiers.Bench.Load;

public sealed record LoadResult(
    int Clients, double Seconds, long Commands, long Reads, double CommandsPerSecond, double ReadsPerSecond,
    LatencySummary CommandLatencyMs, LatencySummary ReadLatencyMs, long EventsAppended, double EventsPerSecond,
    double EventsPerCommand, long Errors, IReadOnlyDictionary<string, long> ErrorKinds, IReadOnlyList<string> ErrorSamples, long DossiersCompleted, long DossiersWithdrawn,
    long Supplements, long Apologies, long ApologiesTooLate, long Payments, LatencySummary ProjectionLagMs, int LagTimeouts,
    CpuPerRequest? Cpu = null, IReadOnlyDictionary<string, LatencySummary>? CommandLatencyByKindMs = null);

/// <summary>N simulated officers, each walking dossiers back to back for a fixed time, and the lag probe beside them.</summary>
public sealed class LoadPhase(ApiClient api, Tokens tokens, Procedures procedures, NpgsqlDataSource database, int apiProcessId)
{
    /// <param name="recording">Count commands and latencies (off: a warm-up whose numbers nobody reads).</param>
    /// <param name="probe">Run the lag probe beside the officers (only while recording).</param>
    public async Task<LoadResult> Run(int clients, TimeSpan duration, bool recording = true, bool probe = true)
    {
        var recorder = new PhaseRecorder { Recording = recording };
        var lagProbe = new LagProbe(api, tokens, procedures);
        var eventsBefore = await CountEvents();
        var deadline = DateTime.UtcNow + duration;
        var cpu = new CpuMeter(apiProcessId);
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + clients);
            var scenario = new DossierScenario(api, tokens, procedures, recorder, w);
            while (DateTime.UtcNow < deadline)
            {
                try { await scenario.Run(random, deadline, CancellationToken.None); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                {
                    recorder.Error($"{e.GetType().Name}: {e.Message}", e.GetType().Name);
                }
            }
        })).ToList();
        var probing = recording && probe ? lagProbe.Run(deadline, CancellationToken.None) : Task.CompletedTask;
        await Task.WhenAll(workers);
        var seconds = watch.Elapsed.TotalSeconds;
        var cpuPerRequest = cpu.PerRequest(recorder.Commands + recorder.Reads);
        await probing;
        var events = await CountEvents() - eventsBefore;
        var allCommands = recorder.Commands + lagProbe.Commands;
        return new LoadResult(clients, Stats.Round(seconds), recorder.Commands, recorder.Reads,
            Stats.Round(recorder.Commands / seconds), Stats.Round(recorder.Reads / seconds),
            Stats.Summarize(recorder.CommandMillis), Stats.Summarize(recorder.ReadMillis),
            events, Stats.Round(events / seconds), allCommands == 0 ? 0 : Stats.Round((double)events / allCommands),
            recorder.Errors, recorder.ErrorKinds, recorder.ErrorSamples, recorder.Completed, recorder.Withdrawn, recorder.Supplements,
            recorder.Apologies, recorder.ApologiesTooLate, recorder.Payments, Stats.Summarize(lagProbe.LagMillis), lagProbe.TimedOut, cpuPerRequest,
            recorder.CommandMillisByKind.ToDictionary(k => k.Key, k => Stats.Summarize(k.Value)));
    }

    private async Task<long> CountEvents()
    {
        await using var command = database.CreateCommand("select count(*) from dossiers.mt_events");
        return (long)(await command.ExecuteScalarAsync() ?? 0L);
    }
}
