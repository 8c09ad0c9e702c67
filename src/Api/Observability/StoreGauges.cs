using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Dossiers.Api.Observability;

/// <summary>
/// Figures read from the store every few seconds (Health:GaugeInterval, 5 s), so a scrape or a readiness probe never
/// queries the database itself: how far each asynchronous projection is behind the newest event (events and seconds),
/// how many timers are due and not yet fired, and how many open dossiers are past their appointment. Readiness fails
/// when a projection is behind by more than Health:MaxProjectionLag (60 s) or the figures could not be read lately.
/// </summary>
public sealed class StoreGauges : BackgroundService, IHealthCheck
{
    public const string MeterName = "Dossiers.Store";

    private readonly NpgsqlDataSource _database;
    private readonly IDocumentStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<StoreGauges> _logger;
    private readonly string _schema;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _maxLag;
    private volatile Snapshot? _last;

    private sealed record Lag(string Projection, long Events, double Seconds);

    private sealed record Snapshot(DateTimeOffset At, IReadOnlyList<Lag> Lags, long TimersDue, long Overdue);

    public StoreGauges(NpgsqlDataSource database, IDocumentStore store, TimeProvider clock, IConfiguration configuration,
        IMeterFactory meters, ILogger<StoreGauges> logger)
    {
        (_database, _store, _clock, _logger) = (database, store, clock, logger);
        _schema = store.Options.DatabaseSchemaName;
        _interval = configuration.GetValue("Health:GaugeInterval", TimeSpan.FromSeconds(5));
        _maxLag = configuration.GetValue("Health:MaxProjectionLag", TimeSpan.FromSeconds(60));
        var meter = meters.Create(MeterName);   // the host's, disposed with it
        meter.CreateObservableGauge("dossiers.projection.lag.events", () => _last?.Lags.Select(l => new Measurement<long>(l.Events, new KeyValuePair<string, object?>("projection", l.Projection))) ?? [],
            "{event}", "Events appended that the projection has not applied yet.");
        meter.CreateObservableGauge("dossiers.projection.lag.seconds", () => _last?.Lags.Select(l => new Measurement<double>(l.Seconds, new KeyValuePair<string, object?>("projection", l.Projection))) ?? [],
            "s", "Age of the oldest event the projection has not applied yet.");
        meter.CreateObservableGauge("dossiers.timers.due", () => _last is { } s ? [new Measurement<long>(s.TimersDue)] : Array.Empty<Measurement<long>>(),
            "{timer}", "Deadline timers past their time and not yet fired.");
        meter.CreateObservableGauge("dossiers.overdue", () => _last is { } s ? [new Measurement<long>(s.Overdue)] : Array.Empty<Measurement<long>>(),
            "{dossier}", "Open dossiers past their appointment.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _clock);
        do
        {
            // A busy or unreachable database must not stop the host: the figures go stale and readiness says so.
            try { _last = await Read(stoppingToken); }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning("Store figures not read: {Reason}", Errors.ExceptionToProblem.Unavailable(e) ?? e.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    // Projection shards are named "Projection:Shard"; the daemon's own bookkeeping rows (high water mark) are not.
    private async Task<Snapshot> Read(CancellationToken ct)
    {
        var lags = new List<Lag>();
        await using (var command = _database.CreateCommand(
            $"select p.name, (select coalesce(max(seq_id), 0) from {_schema}.mt_events) - p.last_seq_id, " +
            $"coalesce(extract(epoch from now() - (select e.timestamp from {_schema}.mt_events e where e.seq_id > p.last_seq_id order by e.seq_id limit 1)), 0)::float8 " +
            $"from {_schema}.mt_event_progression p where p.name like '%:%' order by p.name"))
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) lags.Add(new Lag(reader.GetString(0), Math.Max(0, reader.GetInt64(1)), reader.GetDouble(2)));
        await using var due = _database.CreateCommand(
            $"select count(*) from {_schema}.wolverine_incoming_envelopes where status = 'Scheduled' and execution_time <= now()");
        var timersDue = (long)(await due.ExecuteScalarAsync(ct))!;
        await using var session = _store.QuerySession();
        var now = _clock.GetUtcNow();
        var overdue = await Sla.SlaEndpoints.OverdueDossiers(session, Paging.BoardFilter.None, now).CountAsync(ct);
        return new Snapshot(now, lags, timersDue, overdue);
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var last = _last;
        if (last is null || _clock.GetUtcNow() - last.At > 3 * _interval + TimeSpan.FromSeconds(5))
            return Task.FromResult(HealthCheckResult.Unhealthy("store figures not read lately"));
        // The national portal's sender waits for the portal, not for us: a portal outage must not take nodes out of
        // service. Its lag stays on the gauge (projection="DvcqgSync:All") for alerts.
        var behind = last.Lags.Where(l => l.Seconds > _maxLag.TotalSeconds
            && !l.Projection.StartsWith(Dvcqg.PortalSyncSubscription.SubscriptionId + ":", StringComparison.Ordinal)).ToList();
        return Task.FromResult(behind.Count == 0
            ? HealthCheckResult.Healthy("projections current")
            : HealthCheckResult.Unhealthy("behind: " + string.Join(", ", behind.Select(l => $"{l.Projection} {l.Seconds:0} s"))));
    }
}
