using Dossiers.Engine.Dossiers;
using JasperFx.Events.Fetching;
using Marten;
using Marten.Services;

namespace Dossiers.Projections.Dossiers;

/// <summary>
/// The dossier states this node's last commands saved, handed to the next command on the same dossier, so that its
/// fetch under the row lock reads only the stream's version and not the stored document. This is Marten's cache of
/// aggregates for writing (jasperfx#674). Marten still reads the version on every fetch. An entry that another node
/// made stale, or that a failed save left behind, shows there as a version mismatch, and the document is loaded as
/// before: a command never decides on a wrong state.
/// </summary>
/// <remarks>
/// Marten's own write-back stores the instance the command fetched. It expects the inline projection to have applied
/// the new events to that instance. Our state is immutable, so that instance is the state before the command, and
/// caching it at the new version would hand the next command a state that misses the last act. So the instances Marten
/// offers are ignored. After each commit this listener stores the states the session saved, each at the version its
/// stream landed on.
/// Entries are keyed by the dossier alone: the product has one database and no tenants. The least recently used entry
/// goes first. Every operation is O(1) under one lock: JasperFx's default cache rebuilds its whole map on each take,
/// which at a few thousand dossiers cost more than the document it saved.
/// </remarks>
public sealed class RecentDossierStates(int limit) : DocumentSessionListenerBase, IAggregateWriteCache
{
    private readonly object _lock = new();
    private readonly Dictionary<Guid, LinkedListNode<Dossier>> _entries = [];
    private readonly LinkedList<Dossier> _byUse = [];   // the most recently stored first
    private long _hits;
    private long _reads;

    /// <summary>Fetches that found their dossier here (and Marten then checked against the stream's version).</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Reads that found here the state saved at their stream's version (<see cref="SavedAt"/>).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>False when set to keep none (Commands:CachedDossiers = 0): then nothing is remembered.</summary>
    public bool IsOn => limit > 0;

    /// <summary>
    /// The state saved at <paramref name="version"/> of the dossier's stream, when that is the one remembered; else
    /// null. Read, not taken: the entry stays for the next command. The caller reads the version from the store, so
    /// a state another node has moved on from is never returned.
    /// </summary>
    public Dossier? SavedAt(Guid id, long version)
    {
        Dossier? state;
        lock (_lock) state = _entries.TryGetValue(id, out var entry) && entry.Value.Version == version ? entry.Value : null;
        if (state is not null) Interlocked.Increment(ref _reads);
        return state;
    }

    public bool TryTake(AggregateCacheKey key, out object aggregate, out long version)
    {
        // Taken, not read: an entry serves one fetch, and comes back only with the state that fetch's command saved.
        Dossier? taken;
        lock (_lock) taken = key.Id is Guid id ? Unlink(id) : null;
        (aggregate, version) = (taken!, taken?.Version ?? 0);
        if (taken is not null) Interlocked.Increment(ref _hits);
        return taken is not null;
    }

    public void Store(AggregateCacheKey key, object aggregate, long version)
    {
        // Marten's write-back of the fetched (pre-command) instance: see the remarks.
    }

    public void Evict(AggregateCacheKey key)
    {
        if (key.Id is Guid id) Forget(id);
    }

    public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        var saved = commit.Updated.Concat(commit.Inserted).OfType<Dossier>().ToDictionary(d => d.Id);
        foreach (var stream in commit.GetStreams())
        {
            // A stream appended to without a state saved at the version it landed on (a deleted dossier, a save by
            // another path) keeps no entry: its next command loads the document.
            if (saved.Remove(stream.Id, out var state) && state.Version == stream.Version) Remember(state);
            else Forget(stream.Id);
        }
        // The states left were written without an append (a repair, a rebuild); so were deletions. The next command on
        // such a dossier must start from what is stored.
        foreach (var id in saved.Keys) Forget(id);
        foreach (var deletion in commit.Deleted)
            if (deletion.DocumentType == typeof(Dossier) && deletion.Id is Guid id) Forget(id);
        return Task.CompletedTask;
    }

    /// <summary>Forgets every dossier: the data they came from was reset (tests, a restore from a backup).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _byUse.Clear();
        }
    }

    private void Remember(Dossier state)
    {
        lock (_lock)
        {
            Unlink(state.Id);
            _entries[state.Id] = _byUse.AddFirst(state);
            if (_entries.Count > limit) Unlink(_byUse.Last!.Value.Id);
        }
    }

    private void Forget(Guid id)
    {
        lock (_lock) Unlink(id);
    }

    // Takes the entry out of both the map and the order of use; the caller holds the lock.
    private Dossier? Unlink(Guid id)
    {
        if (!_entries.Remove(id, out var entry)) return null;
        _byUse.Remove(entry);
        return entry.Value;
    }
}
