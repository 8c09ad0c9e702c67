using System.Threading.Channels;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Dossiers.Api.Privacy;

/// <summary>
/// Writes the personal-data access log with group commit: each read waits until its own row is committed, and the
/// reads that arrive while one write is in flight share the next transaction. An idle system writes each row at once;
/// under load a dossier view costs a fraction of a transaction instead of one of its own (bench/README.md).
/// A group is one INSERT of all its rows, committed on its own: one round trip and one statement, where a Marten session
/// takes three (BEGIN with the first row, a statement per row, COMMIT). The rows are Marten's documents all the same
/// (its serializer writes them, its columns' defaults fill the version and time), so every reader finds them as before.
/// </summary>
public sealed class AccessLogWriter : IAsyncDisposable
{
    // More rows than this wait for the following transaction, so one write never grows without bound.
    private const int MaxRowsPerWrite = 256;

    private readonly NpgsqlDataSource _database;
    private readonly Marten.ISerializer _serializer;
    private readonly string _insert;
    private readonly ILogger<AccessLogWriter> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;

    public AccessLogWriter(IDocumentStore store, NpgsqlDataSource database, ILogger<AccessLogWriter> logger)
    {
        _database = database;
        _serializer = store.Options.Serializer();
        var table = store.Options.FindOrResolveDocumentType(typeof(PersonalDataRead)).TableName.QualifiedName;
        _insert = $"insert into {table} (id, data, mt_dotnet_type) select id, data, '{typeof(PersonalDataRead).FullName}' " +
                  "from unnest($1, $2) as row(id, data)";
        _logger = logger;
        _writing = Task.Run(WriteUntilClosed);
    }

    /// <summary>Completes when the row is committed; throws when the transaction that carried it failed.</summary>
    public Task Write(PersonalDataRead row, CancellationToken ct)
    {
        var pending = new Pending(row, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException("The access log is closed: the service is stopping.");
        return pending.Committed.Task.WaitAsync(ct);
    }

    private async Task WriteUntilClosed()
    {
        var group = new List<Pending>(MaxRowsPerWrite);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (group.Count < MaxRowsPerWrite && _queue.Reader.TryRead(out var pending)) group.Add(pending);
            try
            {
                await using var insert = _database.CreateCommand(_insert);
                insert.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. group.Select(p => p.Row.Id)] });
                insert.Parameters.Add(new NpgsqlParameter<string[]>
                {
                    TypedValue = [.. group.Select(p => _serializer.ToJson(p.Row))], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
                });
                await insert.ExecuteNonQueryAsync();
                foreach (var pending in group) pending.Committed.TrySetResult();
            }
            catch (Exception e)
            {
                // Every read of the group is answered with the failure: none of them may go out unrecorded.
                _logger.LogError(e, "Could not write {Count} access-log rows", group.Count);
                foreach (var pending in group) pending.Committed.TrySetException(e);
            }
            group.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writing;
    }

    private sealed record Pending(PersonalDataRead Row, TaskCompletionSource Committed);
}
