using System.Diagnostics;
using System.Text;
using Dossiers.Bench.Raw;
using Npgsql;
using NpgsqlTypes;

namespace Dossiers.Bench.Floor;

/// <summary>
/// What one command writes and reads, measured on the store the load left behind: events per command and the average
/// sizes of an event, its headers, the dossier and file documents and a timer envelope; timers per command.
/// </summary>
public sealed record FloorShape(double EventsPerCommand, int EventChars, int HeadersChars, int DossierChars, int FileChars,
    int TimerBytes, double TimersPerCommand)
{
    public int EventsPerTransaction => Math.Max(1, (int)Math.Round(EventsPerCommand));
}

public sealed record FloorResult(int Clients, int EventsPerTransaction, double Seconds, long Transactions, double TransactionsPerSecond,
    long Timers, LatencySummary TransactionLatencyMs, long Errors, IReadOnlyList<string> ErrorSamples);

/// <summary>
/// The floor: the least a dossier command must ask of PostgreSQL with today's guarantees, replayed with plain Npgsql
/// (API stopped) on the real <c>dossiers</c> tables. Per transaction, one connection from a pool that does not reset
/// connections on their return (no DISCARD ALL), and two round trips:
/// (1) the dossier's state document with its stream version and hash-chain head (the last event's hash, an O(1) read
/// of the stream's newest version); (2) one batch: BEGIN, Marten's own append function with the expected version (it
/// raises on a version mismatch, so COMMIT can travel in the same batch), the upsert of the Dossier state document, a
/// scheduled timer envelope when one is due (as often as the load scheduled them), COMMIT. Since issue 13 the
/// command path sends no NOTIFY (the daemon polls) and the dossier file is asynchronous, so neither is in the floor.
/// Each client appends to streams of its own (so versions never collide);
/// the floor's streams, documents and timers are deleted afterwards, so the rebuild and the queries never see them.
/// </summary>
public sealed class FloorPhase(NpgsqlDataSource database)
{
    private const string Schema = "dossiers", StreamType = "dossier", TimerType = "bench.floor.timer";
    private const int StreamsPerClient = 16, InitialEvents = 10;
    private readonly List<Guid> _streams = [];

    public static async Task<FloorShape> MeasureShape(NpgsqlDataSource database, double eventsPerCommand)
    {
        await using var command = database.CreateCommand($"""
            select
              (select coalesce(avg(length(data::text)), 400)::int from {Schema}.mt_events),
              (select coalesce(avg(length(coalesce(headers::text, ''))), 140)::int from {Schema}.mt_events),
              (select coalesce(avg(length(data::text)), 1600)::int from {Schema}.mt_doc_dossier),
              (select coalesce(avg(length(data::text)), 2000)::int from {Schema}.mt_doc_dossierfile),
              (select coalesce(avg(length(body)), 600)::int from {Schema}.wolverine_incoming_envelopes where status = 'Scheduled'),
              (select count(*) from {Schema}.wolverine_incoming_envelopes where status = 'Scheduled')::float8
                / greatest(1, (select count(*) from {Schema}.mt_events))
            """);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        // Timers per command = timers per event × events per command (both counted over everything the API appended).
        return new FloorShape(eventsPerCommand, reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
            reader.GetInt32(4), Math.Round(reader.GetDouble(5) * eventsPerCommand, 3));
    }

    public async Task<FloorResult> Run(int clients, FloorShape shape, TimeSpan duration)
    {
        var streams = await CreateStreams(clients, shape);
        var k = shape.EventsPerTransaction;
        var eventData = RawBaseline.Blob(shape.EventChars);
        var dossier = RawBaseline.Blob(shape.DossierChars);
        var timerBody = new byte[shape.TimerBytes];
        var latencies = new List<double>[clients];
        long transactions = 0, timers = 0, errors = 0;
        var samples = new List<string>();
        var deadline = DateTime.UtcNow + duration;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            var timerDebt = 0.0;
            for (var i = 0; DateTime.UtcNow < deadline; i++)
            {
                var stream = streams[c][i % StreamsPerClient];
                timerDebt += shape.TimersPerCommand;
                var timer = timerDebt >= 1;
                if (timer) timerDebt -= 1;
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await Command(stream, k, eventData, shape.HeadersChars, dossier, timer ? timerBody : null);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
                {
                    Interlocked.Increment(ref errors);
                    lock (samples) if (samples.Count < 5) samples.Add($"{e.GetType().Name}: {e.Message}");
                    continue;
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref transactions);
                if (timer) Interlocked.Increment(ref timers);
            }
        })));
        var seconds = watch.Elapsed.TotalSeconds;
        return new FloorResult(clients, k, Stats.Round(seconds), transactions, Stats.Round(transactions / seconds), timers,
            Stats.Summarize([.. latencies.SelectMany(l => l)]), errors, samples);
    }

    private async Task Command(Guid stream, int k, string eventData, int headersChars, string dossier, byte[]? timerBody)
    {
        await using var connection = await database.OpenConnectionAsync();

        // Round trip 1: state, version and chain head.
        long version;
        string head;
        await using (var read = new NpgsqlCommand($"""
            select d.data::text, s.version,
              (select e.headers ->> 'hash' from {Schema}.mt_events e where e.stream_id = s.id order by e.version desc limit 1)
            from {Schema}.mt_streams s left join {Schema}.mt_doc_dossier d on d.id = s.id where s.id = $1
            """, connection))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = stream });
            await using var reader = await read.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) throw new InvalidOperationException($"floor stream {stream} is missing");
            _ = reader.IsDBNull(0) ? null : reader.GetString(0);
            version = reader.GetInt64(1);
            head = reader.IsDBNull(2) ? "" : reader.GetString(2);
        }

        // Round trip 2: the whole write in one batch, BEGIN to COMMIT.
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(head + version)));
        var headers = Headers(headersChars, hash);
        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("begin"));
        batch.BatchCommands.Add(Append(stream, k, eventData, headers, version));
        batch.BatchCommands.Add(Upsert("mt_doc_dossier", stream, dossier, version + k, "Dossiers.Engine.Dossiers.Dossier, Dossiers.Engine"));
        if (timerBody is not null) batch.BatchCommands.Add(Timer(timerBody));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("commit"));
        await batch.ExecuteNonQueryAsync();
    }

    private static NpgsqlBatchCommand Append(Guid stream, int k, string eventData, string headers, long expected)
    {
        var command = new NpgsqlBatchCommand($"select {Schema}.mt_quick_append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)");
        var now = DateTimeOffset.UtcNow;
        command.Parameters.Add(new NpgsqlParameter { Value = stream });
        command.Parameters.Add(new NpgsqlParameter { Value = StreamType, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = "*DEFAULT*", NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Range(0, k).Select(_ => Guid.NewGuid()).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat("task_completed", k).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat("Dossiers.Engine.Dossiers.TaskCompleted, Dossiers.Engine", k).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat(eventData, k).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = new byte[k][], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat(Guid.NewGuid().ToString(), k).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat(Guid.NewGuid().ToString(), k).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat(headers, k).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = Enumerable.Repeat(now, k).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = expected, NpgsqlDbType = NpgsqlDbType.Bigint });
        return command;
    }

    private static NpgsqlBatchCommand Upsert(string table, Guid id, string data, long version, string dotnetType)
    {
        var command = new NpgsqlBatchCommand($"""
            insert into {Schema}.{table} (id, data, mt_version, mt_dotnet_type, mt_last_modified) values ($1, $2, $3, $4, transaction_timestamp())
            on conflict (id) do update set data = excluded.data, mt_version = excluded.mt_version, mt_dotnet_type = excluded.mt_dotnet_type,
              mt_last_modified = excluded.mt_last_modified
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = data, NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new NpgsqlParameter { Value = version });
        command.Parameters.Add(new NpgsqlParameter { Value = dotnetType, NpgsqlDbType = NpgsqlDbType.Varchar });
        return command;
    }

    private static NpgsqlBatchCommand Timer(byte[] body)
    {
        var command = new NpgsqlBatchCommand($"""
            insert into {Schema}.wolverine_incoming_envelopes (body, id, status, owner_id, execution_time, attempts, message_type, received_at)
            values ($1, $2, 'Scheduled', 0, $3, 0, $4, $5)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = body });
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
        command.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.AddDays(2) });
        command.Parameters.Add(new NpgsqlParameter { Value = TimerType, NpgsqlDbType = NpgsqlDbType.Varchar });
        command.Parameters.Add(new NpgsqlParameter { Value = "local://durable/", NpgsqlDbType = NpgsqlDbType.Varchar });
        return command;
    }

    /// <summary>Streams of the floor's own, <see cref="InitialEvents"/> events and both documents each, like a dossier a few steps in.</summary>
    private async Task<Guid[][]> CreateStreams(int clients, FloorShape shape)
    {
        var result = new Guid[clients][];
        var eventData = RawBaseline.Blob(shape.EventChars);
        var headers = Headers(shape.HeadersChars, new string('0', 64));
        await using var connection = await database.OpenConnectionAsync();
        for (var c = 0; c < clients; c++)
        {
            result[c] = [.. Enumerable.Range(0, StreamsPerClient).Select(_ => Guid.NewGuid())];
            await using var batch = new NpgsqlBatch(connection);
            foreach (var stream in result[c])
            {
                batch.BatchCommands.Add(Append(stream, InitialEvents, eventData, headers, 0));
                batch.BatchCommands.Add(Upsert("mt_doc_dossier", stream, RawBaseline.Blob(shape.DossierChars), InitialEvents, "Dossiers.Engine.Dossiers.Dossier, Dossiers.Engine"));
            }
            await batch.ExecuteNonQueryAsync();
            _streams.AddRange(result[c]);
        }
        return result;
    }

    /// <summary>Removes every stream, event, document and timer the floor wrote: the store is as the load left it.</summary>
    public async Task CleanUp()
    {
        var ids = _streams.ToArray();
        await using var command = database.CreateCommand($"""
            delete from {Schema}.mt_doc_dossier where id = any(@ids);
            delete from {Schema}.mt_doc_dossierfile where id = any(@ids);
            delete from {Schema}.mt_events where stream_id = any(@ids);
            delete from {Schema}.mt_streams where id = any(@ids);
            delete from {Schema}.wolverine_incoming_envelopes where message_type = '{TimerType}';
            """);
        command.Parameters.AddWithValue("ids", ids);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        _streams.Clear();
    }

    /// <summary>Headers as long as the load's, carrying the chain's hash as the API's do.</summary>
    private static string Headers(int chars, string hash)
    {
        var prefix = $"{{\"hash\": \"{hash}\", \"p\": \"";
        return new StringBuilder(prefix).Append('x', Math.Max(0, chars - prefix.Length - 2)).Append("\"}").ToString();
    }
}
