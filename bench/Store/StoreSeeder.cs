using System.Diagnostics;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Marten;

namespace Dossiers.Bench.Store;

public sealed record SeedResult(long Events, int Streams, int LeftOpen, int Rejected, double Seconds, double EventsPerSecond,
    IReadOnlyList<Guid> LongStreams, string BusiestAgency, int BusiestAgencyOpenTasks);

/// <summary>
/// Bulk-appends a large store: dossiers walked in memory by the decider, 500 streams per session, two sessions in
/// flight. Each batch is one working day (going back from yesterday), so the desk-register streams of two batches never
/// collide and the newest open dossiers still have appointments ahead (the at-risk board has content).
/// </summary>
public sealed class StoreSeeder(string connectionString, WorkingCalendar calendar, Procedures procedures)
{
    private const int StreamsPerBatch = 500;
    private const int Writers = 2;

    public async Task<SeedResult> Seed(int targetEvents)
    {
        using var store = BenchStores.ForSeeding(connectionString);
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        var walker = new DossierWalker(calendar, procedures);
        var batches = System.Threading.Channels.Channel.CreateBounded<List<SeededDossier>>(4);
        long events = 0;
        int streams = 0, leftOpen = 0, rejected = 0;
        var longStreams = new List<(Guid Id, int Count)>();
        var openTasks = new Dictionary<string, int>();
        var watch = Stopwatch.StartNew();

        var producer = Task.Run(async () =>
        {
          try
          {
            var random = new Random(20260302);
            var day = WorkingCalendar.ToVietnam(DateTimeOffset.UtcNow).Date.AddDays(-1);
            long produced = 0;
            while (produced < targetEvents)
            {
                while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(-1);
                var morning = new DateTimeOffset(day.AddHours(7).AddMinutes(30), WorkingCalendar.VietnamOffset);
                var registers = new Dictionary<(string, DateOnly), int>();
                var batch = new List<SeededDossier>(StreamsPerBatch);
                for (var i = 0; i < StreamsPerBatch && produced < targetEvents; i++)
                {
                    try
                    {
                        var dossier = walker.Walk(procedures.Pick(random), morning.AddMinutes(random.Next(0, 480)),
                            (agency, date) => registers[(agency, date)] = registers.GetValueOrDefault((agency, date)) + 1, random);
                        batch.Add(dossier);
                        produced += dossier.Events.Count + dossier.RegisterLines.Count;
                    }
                    catch (CommandRejected) { rejected++; }
                }
                foreach (var dossier in batch)
                {
                    if (dossier.OpenAgencies.Count > 0) leftOpen++;
                    foreach (var agency in dossier.OpenAgencies) openTasks[agency] = openTasks.GetValueOrDefault(agency) + 1;
                    if (dossier.OpenAgencies.Count == 0 && longStreams.Count < 50 && dossier.Events.Count >= 14) longStreams.Add((dossier.Id, dossier.Events.Count));
                }
                await batches.Writer.WriteAsync(batch);
                day = day.AddDays(-1);
            }
          }
          finally { batches.Writer.TryComplete(); }
        });

        var writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(async () =>
        {
            try
            {
            await foreach (var batch in batches.Reader.ReadAllAsync())
            {
                await using var session = store.LightweightSession();
                session.SetHeader("user", "bench-seed");
                session.SetHeader("role", "seed");
                foreach (var dossier in batch) session.Events.StartStream<Dossier>(dossier.Id, [.. dossier.Events]);
                foreach (var register in batch.SelectMany(d => d.RegisterLines).GroupBy(l => l.RegisterId))
                    session.Events.StartStream<DeskRegister>(register.Key, [.. register.Cast<object>()]);
                await session.SaveChangesAsync();
                var appended = batch.Sum(d => d.Events.Count + d.RegisterLines.Count);
                var total = Interlocked.Add(ref events, appended);
                Interlocked.Add(ref streams, batch.Count);
                if (total / 100_000 != (total - appended) / 100_000)
                    Console.WriteLine($"  seeded {total:N0} events ({total / watch.Elapsed.TotalSeconds:N0}/s)");
            }
            }
            catch (Exception e)
            {
                batches.Writer.TryComplete(e);   // the producer stops instead of waiting for a writer that is gone
                throw;
            }
        })).ToList();

        await producer;
        await Task.WhenAll(writers);
        var seconds = watch.Elapsed.TotalSeconds;
        var busiest = openTasks.MaxBy(p => p.Value);
        return new SeedResult(events, streams, leftOpen, rejected, Stats.Round(seconds), Stats.Round(events / seconds),
            [.. longStreams.Select(s => s.Id)], busiest.Key, busiest.Value);
    }
}
