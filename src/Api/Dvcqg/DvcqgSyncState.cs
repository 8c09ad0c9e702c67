using Dossiers.Engine.Dvcqg;
using Marten;

namespace Dossiers.Api.Dvcqg;

/// <summary>A delivery the portal did not acknowledge: which update, when, and why (a status code, never a record's data).</summary>
public sealed record SyncFailure(string UpdateId, DateTimeOffset At, string Reason);

/// <summary>
/// Where one dossier stands with the portal. Not a projection of the events: it records deliveries (acknowledgements
/// and failures happen at the portal, not in the store), so a rebuild does not produce it; the sender writes it.
/// <see cref="State"/> is <c>failed</c> while the last attempt failed, <c>pending</c> while updates wait, else <c>synced</c>.
/// </summary>
public sealed class DvcqgSyncState
{
    public const int FailuresKept = 20;

    public Guid Id { get; set; }
    public string? Code { get; set; }
    public string State { get; set; } = SyncStates.Pending;
    public int? LastStatusSent { get; set; }
    public string? LastUpdateAcknowledged { get; set; }
    public DateTimeOffset? LastAcknowledgedAt { get; set; }
    /// <summary>Updates taken up by the sender and not yet acknowledged.</summary>
    public int Pending { get; set; }
    public long Acknowledged { get; set; }
    /// <summary>The latest failures, newest last (at most <see cref="FailuresKept"/>).</summary>
    public List<SyncFailure> Failures { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}

public static class SyncStates
{
    public const string Synced = "synced", Pending = "pending", Failed = "failed";
    public static readonly string[] All = [Failed, Pending, Synced];
}

/// <summary>Writes <see cref="DvcqgSyncState"/> as the sender works: each change in its own short transaction, visible at once.</summary>
public sealed class SyncStateWriter(IDocumentStore store, TimeProvider clock)
{
    /// <summary>The sender took up these updates of the dossier (a page of events); a page taken up again after a crash sets the same count.</summary>
    public Task TakenUp(Guid dossierId, string code, int count) => Change(dossierId, s =>
    {
        s.Code = code;
        s.Pending = count;
        if (s.State != SyncStates.Failed) s.State = count > 0 ? SyncStates.Pending : SyncStates.Synced;
    });

    public Task Acknowledged(PortalUpdate update, string code) => Change(update.DossierId, s =>
    {
        s.Code = code;
        s.Pending = Math.Max(0, s.Pending - 1);
        s.Acknowledged++;
        s.LastUpdateAcknowledged = update.UpdateId;
        s.LastAcknowledgedAt = clock.GetUtcNow();
        if (update.Service == PortalServices.Dossier) s.LastStatusSent = update.Status;
        s.State = s.Pending > 0 ? SyncStates.Pending : SyncStates.Synced;
    });

    /// <summary>A manual resend was acknowledged: the sender's own count and state are left to the sender.</summary>
    public Task Resent(PortalUpdate update, string code) => Change(update.DossierId, s =>
    {
        s.Code = code;
        s.Acknowledged++;
        s.LastUpdateAcknowledged = update.UpdateId;
        s.LastAcknowledgedAt = clock.GetUtcNow();
        s.LastStatusSent = update.Status;
        if (s.Pending == 0) s.State = SyncStates.Synced;
    });

    public Task Failed(PortalUpdate update, string code, string reason) => Change(update.DossierId, s =>
    {
        s.Code = code;
        s.Failures.Add(new SyncFailure(update.UpdateId, clock.GetUtcNow(), reason));
        if (s.Failures.Count > DvcqgSyncState.FailuresKept) s.Failures.RemoveRange(0, s.Failures.Count - DvcqgSyncState.FailuresKept);
        s.State = SyncStates.Failed;
    });

    private async Task Change(Guid dossierId, Action<DvcqgSyncState> change)
    {
        await using var session = store.LightweightSession();
        var state = await session.LoadAsync<DvcqgSyncState>(dossierId) ?? new DvcqgSyncState { Id = dossierId };
        change(state);
        state.UpdatedAt = clock.GetUtcNow();
        session.Store(state);
        await session.SaveChangesAsync();
    }
}
