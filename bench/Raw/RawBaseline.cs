using System.Diagnostics;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Dossiers.Bench.Raw;

public sealed record RowShape(int DataChars, int HeadersChars, double EventsPerCommand)
{
    /// <summary>Inserts per raw transaction: the events one of our commands appends, rounded (at least one).</summary>
    public int RowsPerTransaction => Math.Max(1, (int)Math.Round(EventsPerCommand));
}

/// <param name="SlicesPerSecond">Each slice on its own, in transactions per second, in the order measured (one before
/// each part of the load phase and one after the last): apart, they show how much the ceiling moved during the phase.</param>
public sealed record RawResult(int Clients, int RowsPerTransaction, double Seconds, long Transactions, double TransactionsPerSecond,
    double RowsPerSecond, LatencySummary TransactionLatencyMs, IReadOnlyList<double>? SlicesPerSecond = null);

/// <summary>
/// The ceiling for this machine and database: plain Npgsql INSERT transactions into an events-like table, the same
/// row size and rows per transaction as our commands produced, at the same concurrency and for the same time.
/// What it leaves out (loading the stream, the decider, projections, the outbox, HTTP, JSON) is exactly our overhead.
/// </summary>
public sealed class RawBaseline(NpgsqlDataSource database)
{
    public static async Task<RowShape> MeasureShape(NpgsqlDataSource database, double eventsPerCommand)
    {
        await using var command = database.CreateCommand(
            "select coalesce(avg(length(data::text)), 200)::int, coalesce(avg(length(coalesce(headers::text, ''))), 0)::int from dossiers.mt_events");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new RowShape(reader.GetInt32(0), reader.GetInt32(1), eventsPerCommand);
    }

    public async Task Prepare()
    {
        await using var command = database.CreateCommand("""
            drop table if exists public.bench_raw;
            create table public.bench_raw(seq bigserial primary key, id uuid, stream_id uuid, version int, type varchar,
              data jsonb, headers jsonb, ts timestamptz default now(), unique(stream_id, version));
            """);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The ceiling in slices of <paramref name="slice"/> each, taken while a load phase at the same concurrency pauses
    /// between its parts (see <see cref="RawSlices"/>). This machine's speed drifts by tens of percent within minutes
    /// (other guests on the host take its CPU), so the ceiling is sampled all through the phase it is compared with.
    /// </summary>
    public RawSlices Interleaved(int clients, RowShape shape, TimeSpan slice) => new(this, clients, shape, slice);

    /// <summary>The slices of one interleaved ceiling: <see cref="Measure"/> runs one; <see cref="Result"/> sums them.</summary>
    public sealed class RawSlices(RawBaseline raw, int clients, RowShape shape, TimeSpan slice)
    {
        private readonly List<double> _latencies = [];
        private readonly List<(long Transactions, double Seconds)> _slices = [];

        public async Task Measure() => _slices.Add(await raw.Run(clients, shape, slice, _latencies));

        public RawResult Result()
        {
            var (transactions, seconds) = (_slices.Sum(s => s.Transactions), _slices.Sum(s => s.Seconds));
            return new RawResult(clients, shape.RowsPerTransaction, Stats.Round(seconds), transactions, Stats.Round(transactions / seconds),
                Stats.Round(transactions * shape.RowsPerTransaction / seconds), Stats.Summarize(_latencies),
                [.. _slices.Select(s => Stats.Round(s.Transactions / s.Seconds))]);
        }
    }

    private async Task<(long Transactions, double Seconds)> Run(int clients, RowShape shape, TimeSpan duration, List<double> latencies)
    {
        var data = Blob(shape.DataChars);
        var headers = Blob(Math.Max(2, shape.HeadersChars));
        var rows = shape.RowsPerTransaction;
        var perClient = new List<double>[clients];
        long transactions = 0;
        var deadline = DateTime.UtcNow + duration;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            var mine = perClient[w] = [];
            while (DateTime.UtcNow < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                await InsertOne(rows, data, headers);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref transactions);
            }
        })));
        latencies.AddRange(perClient.SelectMany(l => l));
        return (transactions, watch.Elapsed.TotalSeconds);
    }

    // One stream per transaction, versions 1..K, like a command appending K events to its dossier.
    private async Task InsertOne(int rows, string data, string headers)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var batch = new NpgsqlBatch(connection, transaction);
        var stream = Guid.NewGuid();
        for (var version = 1; version <= rows; version++)
        {
            var insert = new NpgsqlBatchCommand(
                "insert into public.bench_raw(id, stream_id, version, type, data, headers) values ($1, $2, $3, $4, $5, $6)");
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter { Value = stream });
            insert.Parameters.Add(new NpgsqlParameter { Value = version });
            insert.Parameters.Add(new NpgsqlParameter { Value = "task_completed" });
            insert.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Jsonb });
            insert.Parameters.Add(new NpgsqlParameter { Value = headers, NpgsqlDbType = NpgsqlDbType.Jsonb });
            batch.BatchCommands.Add(insert);
        }
        await batch.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    /// <summary>A JSON object whose text is about <paramref name="chars"/> characters long.</summary>
    internal static string Blob(int chars)
    {
        const string Prefix = "{\"p\": \"", Suffix = "\"}";
        var padding = Math.Max(0, chars - Prefix.Length - Suffix.Length);
        return new StringBuilder(Prefix).Append('x', padding).Append(Suffix).ToString();
    }
}
