using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Dossiers;

/// <summary>Who handed a dossier over to a task at another agency (the "Giao" half of a Mẫu 05 row).</summary>
public record HandOver(string FromAgency, string FromUser, string? FromTaskId);

/// <summary>
/// The workflow activated a task at an agency, with its due time from the step budget. When the task is at another
/// agency than the step before, it is a hand-over that the receiving agency acknowledges.
/// </summary>
public record TaskActivated(
    Guid DossierId,
    string TaskId,
    string ActivityId,
    string Agency,
    string Role,
    string Title,
    Budget Budget,
    DateTimeOffset DueAt,
    string CalendarVersion,
    HandOver? HandOver,
    DateTimeOffset ActivatedAt) : IDossierEvent;

/// <summary>The receiving agency confirmed receipt of a hand-over (the "Nhận" half of a Mẫu 05 row).</summary>
public record TaskAcknowledged(Guid DossierId, string TaskId, string Agency, Actor AcknowledgedBy, DateTimeOffset AcknowledgedAt) : IDossierEvent;

/// <summary>An agency finished its step with an outcome; timeliness is the step's result against its budget.</summary>
public record TaskCompleted(
    Guid DossierId,
    string TaskId,
    string ActivityId,
    string Agency,
    string Outcome,
    string? Note,
    DateTimeOffset DueAt,
    Timeliness Timeliness,
    Actor CompletedBy,
    DateTimeOffset CompletedAt) : IDossierEvent;

/// <summary>
/// An open task moved to another agency (a version change routed its step elsewhere): a hand-over from the agency that
/// held it, which the new agency acknowledges. Its due time does not change.
/// </summary>
public record TaskReassigned(Guid DossierId, string TaskId, string FromAgency, string ToAgency, string Reason, Actor ReassignedBy, DateTimeOffset ReassignedAt) : IDossierEvent;

/// <summary>A task closed without being done: a parallel branch lost a WaitAny join, or the dossier ended.</summary>
public record TaskCancelled(Guid DossierId, string TaskId, string Reason, DateTimeOffset CancelledAt) : IDossierEvent;

/// <summary>A decision's condition was evaluated once; replay follows the recorded port and never evaluates again.</summary>
public record DecisionTaken(Guid DossierId, string ActivityId, string Port, DateTimeOffset DecidedAt) : IDossierEvent;

/// <summary>Parallel work started: every branch of the fork was activated; <paramref name="JoinId"/> is where they meet.</summary>
public record ForkActivated(Guid DossierId, string ActivityId, IReadOnlyList<string> Branches, string? JoinId, DateTimeOffset ActivatedAt) : IDossierEvent;

/// <summary>A branch reached a join.</summary>
public record JoinArrived(Guid DossierId, string ActivityId, string FromActivityId, DateTimeOffset ArrivedAt) : IDossierEvent;

/// <summary>A join let the flow continue: all branches that could still arrive did (WaitAll), or the first did (WaitAny).</summary>
public record JoinCompleted(Guid DossierId, string ActivityId, IReadOnlyList<string> Arrived, DateTimeOffset CompletedAt) : IDossierEvent;
