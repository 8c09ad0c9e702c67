using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Dossiers;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Events.Projections;

namespace Dossiers.Projections.Boards;

/// <summary>
/// Async: the agencies' inboxes. One document per open task (removed when the task closes), indexed by agency, so an
/// inbox is a plain indexed query however large the store grows.
/// </summary>
public class InboxProjection : MultiStreamProjection<InboxItem, string>
{
    public InboxProjection()
    {
        Identity<TaskActivated>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
        Identity<TaskAcknowledged>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
        Identity<TaskReassigned>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
        Identity<TaskOverdue>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
        Identity<TaskCompleted>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
        Identity<TaskCancelled>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
        Identities<ClockPaused>(e => [.. e.TaskRemaining.Keys.Select(t => InboxItem.IdOf(e.DossierId, t))]);
        Identities<ClockResumed>(e => [.. e.TaskDueAt.Keys.Select(t => InboxItem.IdOf(e.DossierId, t))]);
    }

    public override (InboxItem?, ActionType) DetermineAction(InboxItem? snapshot, string id, IReadOnlyList<IEvent> events) =>
        ChangesOnly.Fold(snapshot, events, (item, e) => Next(item, id, e));

    private static InboxItem? Next(InboxItem? item, string id, IEvent e) => (item, e.Data) switch
    {
        (_, TaskActivated a) => new InboxItem(id, a.DossierId, a.TaskId, a.ActivityId, a.Agency, a.Title, a.Budget, a.ActivatedAt, a.DueAt,
            a.HandOver, a.HandOver is null),
        (null, _) => null,
        (_, TaskAcknowledged) => item with { Acknowledged = true },
        (_, TaskReassigned r) => item with { Agency = r.ToAgency, Acknowledged = false, HandOver = new HandOver(r.FromAgency, r.ReassignedBy.User, r.TaskId) },
        (_, TaskOverdue) => item with { Overdue = true },
        (_, TaskCompleted or TaskCancelled) => null,
        (_, ClockPaused) => item with { Paused = true },
        (_, ClockResumed r) => item with { Paused = false, DueAt = r.TaskDueAt.GetValueOrDefault(item.TaskId, item.DueAt) },
        _ => item,
    };
}

/// <summary>Async: every hand-over between agencies and when it was acknowledged, for the hand-off matrix.</summary>
public class HandOffProjection : MultiStreamProjection<HandOffRow, string>
{
    public HandOffProjection()
    {
        Identity<TaskActivated>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
        Identity<TaskReassigned>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
        Identity<TaskAcknowledged>(e => InboxItem.IdOf(e.DossierId, e.TaskId));
    }

    public override (HandOffRow?, ActionType) DetermineAction(HandOffRow? snapshot, string id, IReadOnlyList<IEvent> events) =>
        ChangesOnly.Fold(snapshot, events, (row, e) => Next(row, id, e));

    private static HandOffRow? Next(HandOffRow? row, string id, IEvent e) => (row, e.Data) switch
    {
        (_, TaskActivated { HandOver: { } h } a) => new HandOffRow(id, a.DossierId, a.TaskId, h.FromAgency, a.Agency, a.ActivatedAt, null),
        (_, TaskReassigned r) => new HandOffRow(id, r.DossierId, r.TaskId, r.FromAgency, r.ToAgency, r.ReassignedAt, null),
        ({ AcknowledgedAt: null }, TaskAcknowledged a) => row with { AcknowledgedAt = a.AcknowledgedAt },
        _ => row,
    };
}
