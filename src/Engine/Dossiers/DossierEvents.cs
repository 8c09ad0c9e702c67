using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Dossiers;

// Events are the storage contract: flat, past tense, stream id first, then what, who and when.
// Everything a projection needs (due times, outcomes, timeliness, calendar version) is decided before it is
// written here, so a rebuild never consults the clock, the calendar or the workflow.

/// <summary>
/// A citizen or business filed a dossier (DVCQG 1, Mới đăng ký). Pins the workflow version it will follow, the
/// centre that receives it (the desk's own unit), the commune whose units are competent for it, where the applicant
/// will pick up the result, and the registry version those codes come from.
/// </summary>
public record DossierSubmitted(
    Guid DossierId,
    string ProcedureCode,
    string DefinitionId,
    int DefinitionVersion,
    Channel Channel,
    Applicant Applicant,
    IReadOnlyList<DossierDocument> Documents,
    string? DataJson,
    Actor SubmittedBy,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptanceDueAt,
    string CalendarVersion,
    string ProcedureName,
    string? ReceivingAgency = null,
    string? CompetentCommune = null,
    string? PickupCentre = null,
    string? RegistryVersion = null,
    string? PortalReference = null) : IDossierEvent;

/// <summary>
/// The desk received a complete dossier (DVCQG 2): the dossier code and the appointment (Mẫu 01) are issued.
/// The code is <c>&lt;receiving agency&gt;-YYMMDD-NNNN</c>; NNNN is the desk register's number for that day.
/// <paramref name="Routing"/> is where each step of the workflow works for this dossier (activity id → agency code),
/// resolved once here from the definition's references, so no later decision or replay resolves them again.
/// </summary>
public record DossierAccepted(
    Guid DossierId,
    string Code,
    string ReceivingAgency,
    int RegisterNumber,
    Budget LegalTime,
    DateTimeOffset DueAt,
    string CalendarVersion,
    Actor AcceptedBy,
    DateTimeOffset AcceptedAt,
    IReadOnlyDictionary<string, string>? Routing = null,
    string? CompetentCommune = null,
    string? RegistryVersion = null) : IDossierEvent;

/// <summary>The desk refused the dossier (Mẫu 03, DVCQG 3). Terminal.</summary>
public record DossierRefused(Guid DossierId, string Reason, Actor RefusedBy, DateTimeOffset RefusedAt) : IDossierEvent;

/// <summary>The applicant asked to withdraw the dossier (DVCQG 7). Officials then stop it.</summary>
public record WithdrawalRequested(Guid DossierId, string Reason, Actor RecordedBy, DateTimeOffset RequestedAt) : IDossierEvent;

/// <summary>Processing stopped (DVCQG 8), after a withdrawal or because the dossier cannot be handled. Terminal.</summary>
public record ProcessingStopped(Guid DossierId, string Reason, Actor StoppedBy, DateTimeOffset StoppedAt) : IDossierEvent;

/// <summary>
/// The workflow reached an end: the result is ready at the desk (DVCQG 9). A rejection after appraisal is also a
/// result (the written refusal) and is returned to the applicant the same way.
/// </summary>
/// <remarks>
/// <paramref name="Timeliness"/> is against the current appointment; <paramref name="LegalTimeliness"/> against the
/// legal limit (TT 01/2018 indicator 1, QĐ 766 indicator 2.1), which an apology does not move.
/// <paramref name="HandlingTime"/> is office time from acceptance to now, less the paused office time.
/// </remarks>
public record ResultReady(
    Guid DossierId,
    string ActivityId,
    ResultKind Kind,
    DateTimeOffset DueAt,
    Timeliness Timeliness,
    DateTimeOffset ReadyAt,
    DateTimeOffset LegalDueAt,
    Timeliness LegalTimeliness,
    TimeSpan HandlingTime) : IDossierEvent;

public enum ResultKind { Granted, Rejected }

/// <summary>The result was handed to the applicant (DVCQG 10). Terminal.</summary>
public record ResultReturned(Guid DossierId, string? Note, Actor ReturnedBy, DateTimeOffset ReturnedAt) : IDossierEvent;

/// <summary>
/// The responsible agency apologised for a late result and set a new appointment (Mẫu 04). The previous due
/// time is kept beside the new one (DVCQG NgayHenTraTruoc / NgayHenTraMoi).
/// </summary>
public record ApologyIssued(
    Guid DossierId,
    string Reason,
    DateTimeOffset PreviousDueAt,
    DateTimeOffset NewDueAt,
    Actor IssuedBy,
    DateTimeOffset IssuedAt) : IDossierEvent;

/// <summary>
/// A rule of the one-stop mechanism was broken on purpose and on the record (e.g. a second supplement request
/// during processing). The dossier counts as late for scoring.
/// </summary>
public record RuleViolationRecorded(Guid DossierId, string Rule, string Detail, Actor RecordedBy, DateTimeOffset RecordedAt) : IDossierEvent;

/// <summary>
/// A controller moved a running dossier to another version of its workflow, with an explicit step mapping.
/// <paramref name="Routing"/> is the new version's steps resolved for this dossier (open steps whose agency changed
/// follow as <see cref="TaskReassigned"/>).
/// </summary>
public record WorkflowVersionChanged(
    Guid DossierId,
    string DefinitionId,
    int FromVersion,
    int ToVersion,
    IReadOnlyDictionary<string, string> StepMapping,
    string Reason,
    Actor ChangedBy,
    DateTimeOffset ChangedAt,
    IReadOnlyDictionary<string, string>? Routing = null) : IDossierEvent;

/// <summary>A step's due time passed while it was still open (recorded by its timer, once).</summary>
public record TaskOverdue(Guid DossierId, string TaskId, string Agency, DateTimeOffset DueAt, DateTimeOffset DetectedAt) : IDossierEvent;

/// <summary>The dossier's appointment passed without a result (recorded by its timer, once per appointment).</summary>
public record DossierOverdue(Guid DossierId, DateTimeOffset DueAt, DateTimeOffset DetectedAt) : IDossierEvent;

/// <summary>One working day or less is left before the appointment and no apology was issued: time to act or apologise.</summary>
public record DueSoonWarned(Guid DossierId, DateTimeOffset DueAt, TimeSpan WorkingTimeLeft, DateTimeOffset WarnedAt) : IDossierEvent;

/// <summary>
/// An online dossier's intake deadline (<see cref="DossierSubmitted.AcceptanceDueAt"/>) passed with no answer from the
/// receiving centre's desk: not accepted, refused or sent back for supplement (recorded by its timer, once).
/// </summary>
public record OnlineIntakeOverdue(Guid DossierId, string? ReceivingAgency, DateTimeOffset DueAt, DateTimeOffset DetectedAt) : IDossierEvent;

/// <summary>
/// The desk answered an online dossier after its intake deadline: recorded with the answer (accepted, refused,
/// supplement), in the same decision. <paramref name="LateBy"/> is the office time past the deadline.
/// </summary>
public record OnlineIntakeLate(Guid DossierId, string ReceivingAgency, string Answer, DateTimeOffset DueAt, DateTimeOffset AnsweredAt, TimeSpan LateBy)
    : IDossierEvent;
