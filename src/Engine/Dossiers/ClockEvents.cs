namespace Dossiers.Engine.Dossiers;

public enum PauseReason { Supplement, Payment }

/// <summary>
/// The applicant was asked to supplement or complete the dossier (Mẫu 02), every missing item in one request.
/// During processing the clock pauses (see <see cref="ClockPaused"/>); at intake no clock runs yet.
/// </summary>
public record SupplementRequested(
    Guid DossierId,
    IReadOnlyList<string> Items,
    string Reason,
    bool AtIntake,
    int RequestNumber,
    Actor RequestedBy,
    DateTimeOffset RequestedAt) : IDossierEvent;

/// <summary>The applicant brought what was asked for.</summary>
public record SupplementReceived(Guid DossierId, string? Note, Actor ReceivedBy, DateTimeOffset ReceivedAt) : IDossierEvent;

/// <summary>A financial obligation (thuế, phí, lệ phí) was notified (DVCQG 6); from a workflow step or ad hoc.</summary>
public record PaymentRequested(
    Guid DossierId,
    string? ActivityId,
    string Agency,
    decimal? Amount,
    string Reason,
    Actor RequestedBy,
    DateTimeOffset RequestedAt) : IDossierEvent;

/// <summary>Proof of payment was recorded; the legal clock runs again.</summary>
public record PaymentReceived(Guid DossierId, string? Note, Actor RecordedBy, DateTimeOffset PaidAt) : IDossierEvent;

/// <summary>
/// The legal clock stopped: the remaining working time of the dossier and of each open task is frozen here, so
/// resuming needs nothing but this event and the calendar.
/// </summary>
public record ClockPaused(
    Guid DossierId,
    PauseReason Reason,
    TimeSpan DossierRemaining,
    IReadOnlyDictionary<string, TimeSpan> TaskRemaining,
    DateTimeOffset PausedAt,
    TimeSpan LegalRemaining) : IDossierEvent;

/// <summary>
/// The clock runs again: new due times = resume instant + the frozen remaining working time. <paramref name="LegalDueAt"/>
/// is the due time the legal limit gives (an apology's new appointment does not move it); <paramref name="PausedWorkingTime"/>
/// is the office time the pause took, which the handling time leaves out.
/// </summary>
public record ClockResumed(
    Guid DossierId,
    PauseReason Reason,
    DateTimeOffset DueAt,
    IReadOnlyDictionary<string, DateTimeOffset> TaskDueAt,
    TimeSpan PausedFor,
    string CalendarVersion,
    DateTimeOffset ResumedAt,
    DateTimeOffset LegalDueAt,
    TimeSpan PausedWorkingTime) : IDossierEvent;
