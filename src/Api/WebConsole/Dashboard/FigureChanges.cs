using Marten;
using Marten.Services;

namespace Dossiers.Api.WebConsole.Dashboard;

/// <summary>
/// Tells the dashboard's open streams that the figures changed: a listener on the async daemon's commits, so it fires
/// after the SLA, inbox and hand-off read models were written (never on the command path), and the dashboard re-reads
/// the API's figures only then instead of polling. Each commit completes the current waiters and arms a new wait.
/// </summary>
public sealed class FigureChanges : IChangeListener
{
    private TaskCompletionSource<long> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    /// <summary>How many daemon commits this process has seen (the dashboard's stream says it with each push).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Completes at the next commit of a projection batch, with its number.</summary>
    public Task<long> Next(CancellationToken ct) => Volatile.Read(ref _next).Task.WaitAsync(ct);

    public Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        Signal();
        return Task.CompletedTask;
    }

    public Task BeforeCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token) => Task.CompletedTask;

    public void Signal()
    {
        var version = Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(version);
    }

    public static void Register(IServiceCollection services)
    {
        var changes = new FigureChanges();
        services.AddSingleton(changes);
        MartenServiceCollectionExtensions.ConfigureMarten(services, options => options.Projections.AsyncListeners.Add(changes));
    }
}
