using System.Diagnostics;
using Npgsql;

namespace Dossiers.Bench.Load;

public sealed record LoadResult(
    int Clients, double Seconds, long Commands, long Reads, double CommandsPerSecond, double ReadsPerSecond,
    LatencySummary CommandLatencyMs, LatencySummary ReadLatencyMs, long EventsAppended, double EventsPerSecond,
    double EventsPerCommand, long Errors, IReadOnlyDictionary<string, long> ErrorKinds, IReadOnlyList<string> ErrorSamples, long DossiersCompleted, long DossiersWithdrawn,
    long Supplements, long Apologies, long ApologiesTooLate, long Payments, LatencySummary ProjectionLagMs, int LagTimeouts,
    CpuPerRequest? Cpu = null, IReadOnlyDictionary<string, LatencySummary>? CommandLatencyByKindMs = null,
    IReadOnlyList<StatementTime>? Statements = null);

/// <summary>N simulated officers, each walking dossiers back to back for a fixed time, and the lag probe beside them.</summary>
public sealed class LoadPhase(ApiClient api, Tokens tokens, Procedures procedures, NpgsqlDataSource database, int apiProcessId)
{
    /// <param name="recording">Count commands and latencies (off: a warm-up whose numbers nobody reads).</param>
    /// <param name="probe">Run the lag probe beside the officers (only while recording).</param>
    /// <param name="parts">The phase in this many parts of equal length, the officers idle between them.</param>
    /// <param name="around">Runs before each part and after the last, the officers idle (the raw ceiling's slices); the
    /// phase's time and CPU leave it out.</param>
    public async Task<LoadResult> Run(int clients, TimeSpan duration, bool recording = true, bool probe = true, int parts = 1, Func<Task>? around = null)
    {
        var recorder = new PhaseRecorder { Recording = recording };
        var lagProbe = new LagProbe(api, tokens, procedures);
        var eventsBefore = await CountEvents();
        var cpu = new CpuMeter(apiProcessId);
        var scenarios = Enumerable.Range(0, clients)
            .Select(w => (Random: new Random(w * 7919 + clients), Scenario: new DossierScenario(api, tokens, procedures, recorder, w))).ToList();
        var seconds = 0.0;
        for (var part = 0; part < parts; part++)
        {
            if (around is not null) await around();
            var deadline = DateTime.UtcNow + duration / parts;
            cpu.Start();
            var watch = Stopwatch.StartNew();
            var workers = scenarios.Select(w => Task.Run(async () =>
            {
                while (DateTime.UtcNow < deadline)
                {
                    try { await w.Scenario.Run(w.Random, deadline, CancellationToken.None); }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                    {
                        recorder.Error($"{e.GetType().Name}: {e.Message}", e.GetType().Name);
                    }
                }
            })).ToList();
            var probing = recording && probe ? lagProbe.Run(deadline, CancellationToken.None) : Task.CompletedTask;
            await Task.WhenAll(workers);
            seconds += watch.Elapsed.TotalSeconds;
            cpu.Stop();
            await probing;
        }
        if (around is not null) await around();
        var cpuPerRequest = cpu.PerRequest(recorder.Commands + recorder.Reads);
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
