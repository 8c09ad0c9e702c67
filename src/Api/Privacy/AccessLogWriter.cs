using System.Threading.Channels;
using Marten;

namespace Dossiers.Api.Privacy;

/// <summary>
/// Writes the personal-data access log with group commit: each read waits until its own row is committed, and the
/// reads that arrive while one write is in flight share the next transaction. An idle system writes each row at once;
/// under load a dossier view costs a fraction of a transaction instead of one of its own (bench/README.md).
/// </summary>
public sealed class AccessLogWriter : IAsyncDisposable
{
    // More rows than this wait for the following transaction, so one write never grows without bound.
    private const int MaxRowsPerWrite = 256;

    private readonly IDocumentStore _store;
    private readonly ILogger<AccessLogWriter> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writing;

    public AccessLogWriter(IDocumentStore store, ILogger<AccessLogWriter> logger)
    {
        _store = store;
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
                await using var session = _store.LightweightSession();
                session.Insert(group.Select(p => p.Row).ToArray());
                await session.SaveChangesAsync();
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
