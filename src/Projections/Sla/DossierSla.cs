using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Projections.Sla;

/// <summary>One step of a dossier as the SLA boards and the scorecard see it (TT 01/2018 indicator 2).</summary>
public sealed record StepSla(
    string TaskId,
    string ActivityId,
    string Agency,
    string Title,
    Budget Budget,
    DateTimeOffset ActivatedAt,
    DateTimeOffset DueAt,
    HandOver? HandOver,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    DateTimeOffset? CompletedAt = null,
    string? CompletedBy = null,
    string? Outcome = null,
    Timeliness? Timeliness = null,
    bool Overdue = false,
    bool Cancelled = false)
{
    public bool IsOpen => CompletedAt is null && !Cancelled;
}

public enum DossierEnd { Resolved, Refused, Withdrawn, Stopped }

/// <summary>
/// From <paramref name="At"/> on, the dossier's legal due time was <paramref name="LegalDueAt"/> and its clock stood
/// still since <paramref name="PausedSince"/> (null: running). One entry per acceptance, pause, resume and result, so
/// the scorecard can read a dossier as it stood at a period's end whatever happened to it later.
/// </summary>
public sealed record LegalClockMoment(DateTimeOffset At, DateTimeOffset? LegalDueAt, DateTimeOffset? PausedSince);

/// <summary>
/// A dossier's SLA read model: its appointment and legal due time, pauses, supplements, reschedules, overdue flags,
/// how it ended and every step's timing. Folded from the events only (every time in it was decided by the decider).
/// </summary>
public sealed record DossierSla
{
    public Guid Id { get; init; }
    public string? Code { get; init; }
    public string ProcedureCode { get; init; } = "";
    /// <summary>The workflow the dossier runs on now (a migration moves it): where its steps are on the diagram.</summary>
    public string? DefinitionId { get; init; }
    public int DefinitionVersion { get; init; }
    public Channel Channel { get; init; }
    public string? ReceivingAgency { get; init; }
    public DossierStatus Status { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    /// <summary>An online dossier's intake deadline (8 working hours by default); null for other channels.</summary>
    public DateTimeOffset? AcceptanceDueAt { get; init; }
    public string? PortalReference { get; init; }
    /// <summary>The desk's first answer at intake: accepted, refused or sent back for supplement.</summary>
    public DateTimeOffset? IntakeAnsweredAt { get; init; }
    /// <summary>The online intake deadline passed unanswered (its timer recorded it).</summary>
    public bool IntakeOverdue { get; init; }
    /// <summary>The desk answered the online dossier after its intake deadline.</summary>
    public bool IntakeLate { get; init; }
    public DateTimeOffset? AcceptedAt { get; init; }
    public Budget? LegalTime { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset? OriginalDueAt { get; init; }
    public DateTimeOffset? LegalDueAt { get; init; }
    public bool Paused { get; init; }
    public PauseReason? PauseReason { get; init; }
    public DateTimeOffset? PausedSince { get; init; }
    public TimeSpan PausedWorkingTime { get; init; }
    public int SupplementRequests { get; init; }
    /// <summary>When each supplement request during processing was made (the second one makes the dossier late).</summary>
    public IReadOnlyList<DateTimeOffset> SupplementRequestedAt { get; init; } = [];
    /// <summary>The legal due time and the pause state over time (see <see cref="LegalClockMoment"/>).</summary>
    public IReadOnlyList<LegalClockMoment> LegalClock { get; init; } = [];
    /// <summary>When a rule violation made the dossier late for scoring.</summary>
    public DateTimeOffset? LateForScoringSince { get; init; }
    public int Reschedules { get; init; }
    public bool LateForScoring { get; init; }
    public bool Overdue { get; init; }
    public bool Warned { get; init; }
    public DateTimeOffset? EndedAt { get; init; }
    public DossierEnd? End { get; init; }
    public ResultKind? Result { get; init; }
    public Timeliness? Timeliness { get; init; }
    public Timeliness? LegalTimeliness { get; init; }
    public TimeSpan? HandlingTime { get; init; }
    public DateTimeOffset? ReturnedAt { get; init; }
    public IReadOnlyList<StepSla> Steps { get; init; } = [];

    public bool IsOpen => EndedAt is null;

    /// <summary>Milliseconds since 1970 of <see cref="DueAt"/>: the SLA boards' page order (with the id), stored and indexed.</summary>
    public long DueOrder => DueAt?.ToUnixTimeMilliseconds() ?? 0;

    /// <summary>Milliseconds since 1970 of <see cref="AcceptanceDueAt"/>: the online intake board's page order, stored and indexed.</summary>
    public long IntakeDueOrder => AcceptanceDueAt?.ToUnixTimeMilliseconds() ?? 0;

    /// <summary>Milliseconds since 1970 of <see cref="AcceptedAt"/> (null before acceptance): what the periods select on, stored and indexed.</summary>
    public long? AcceptedOrder => AcceptedAt?.ToUnixTimeMilliseconds();

    /// <summary>Milliseconds since 1970 of <see cref="EndedAt"/> (null while open): what "open" and the periods select on, stored and indexed.</summary>
    public long? EndedOrder => EndedAt?.ToUnixTimeMilliseconds();

    // Not named Apply/Create: Marten would take them as conventions beside the explicit Evolve.
    public static DossierSla? Next(DossierSla? sla, object @event) => (sla, @event) switch
    {
        (null, DossierSubmitted e) => new DossierSla
        {
            Id = e.DossierId, ProcedureCode = e.ProcedureCode, DefinitionId = e.DefinitionId, DefinitionVersion = e.DefinitionVersion, Channel = e.Channel, SubmittedAt = e.SubmittedAt, Status = DossierStatus.Submitted,
            ReceivingAgency = e.ReceivingAgency, AcceptanceDueAt = e.AcceptanceDueAt, PortalReference = e.PortalReference,
        },
        (null, _) => null,
        ({ } s, _) => s.After(@event) with { Status = DossierLifecycle.Next(s.Status, @event, s.Started, s.AcceptedAt is not null) },
    };

    private DossierSla After(object @event) => @event switch
    {
        DossierAccepted e => this with
        {
            Code = e.Code, ReceivingAgency = e.ReceivingAgency, AcceptedAt = e.AcceptedAt, LegalTime = e.LegalTime,
            IntakeAnsweredAt = IntakeAnsweredAt ?? e.AcceptedAt,
            DueAt = e.DueAt, OriginalDueAt = e.DueAt, LegalDueAt = e.DueAt,
            LegalClock = [.. LegalClock, new LegalClockMoment(e.AcceptedAt, e.DueAt, null)],
        },
        DossierRefused e => Ended(e.RefusedAt, DossierEnd.Refused) with { IntakeAnsweredAt = IntakeAnsweredAt ?? e.RefusedAt },
        SupplementRequested { AtIntake: true } e => this with { IntakeAnsweredAt = IntakeAnsweredAt ?? e.RequestedAt },
        OnlineIntakeOverdue => this with { IntakeOverdue = true },
        OnlineIntakeLate => this with { IntakeLate = true },
        WithdrawalRequested e => Ended(e.RequestedAt, DossierEnd.Withdrawn),
        ProcessingStopped e => this with { EndedAt = EndedAt ?? e.StoppedAt, End = End ?? DossierEnd.Stopped, Paused = false, PausedSince = null },
        TaskActivated e => this with { Steps = [.. Steps, new StepSla(e.TaskId, e.ActivityId, e.Agency, e.Title, e.Budget, e.ActivatedAt, e.DueAt, e.HandOver)] },
        TaskReassigned e => Step(e.TaskId, s => s with
            { Agency = e.ToAgency, HandOver = new HandOver(e.FromAgency, e.ReassignedBy.User, e.TaskId), AcknowledgedAt = null, AcknowledgedBy = null }),
        TaskAcknowledged e => Step(e.TaskId, s => s with { AcknowledgedAt = e.AcknowledgedAt, AcknowledgedBy = e.AcknowledgedBy.User }),
        TaskCompleted e => Step(e.TaskId, s => s with
            { CompletedAt = e.CompletedAt, CompletedBy = e.CompletedBy.User, Outcome = e.Outcome, Timeliness = e.Timeliness }),
        TaskCancelled e => Step(e.TaskId, s => s with { Cancelled = true }),
        TaskOverdue e => Step(e.TaskId, s => s with { Overdue = true }),
        SupplementRequested { AtIntake: false } e => this with
            { SupplementRequests = SupplementRequests + 1, SupplementRequestedAt = [.. SupplementRequestedAt, e.RequestedAt] },
        ClockPaused e => this with
        {
            Paused = true, PauseReason = e.Reason, PausedSince = e.PausedAt,
            LegalClock = [.. LegalClock, new LegalClockMoment(e.PausedAt, LegalDueAt, e.PausedAt)],
        },
        ClockResumed e => this with
        {
            Paused = false, PauseReason = null, PausedSince = null, DueAt = e.DueAt, LegalDueAt = e.LegalDueAt,
            PausedWorkingTime = PausedWorkingTime + e.PausedWorkingTime,
            LegalClock = [.. LegalClock, new LegalClockMoment(e.ResumedAt, e.LegalDueAt, null)],
            Steps = [.. Steps.Select(s => e.TaskDueAt.TryGetValue(s.TaskId, out var due) ? s with { DueAt = due } : s)],
        },
        ApologyIssued e => this with { DueAt = e.NewDueAt, Reschedules = Reschedules + 1 },
        RuleViolationRecorded e => this with { LateForScoring = true, LateForScoringSince = LateForScoringSince ?? e.RecordedAt },
        DossierOverdue => this with { Overdue = true },
        DueSoonWarned => this with { Warned = true },
        ResultReady e => Ended(e.ReadyAt, DossierEnd.Resolved) with
        {
            Result = e.Kind, Timeliness = e.Timeliness, LegalTimeliness = e.LegalTimeliness, HandlingTime = e.HandlingTime,
            LegalDueAt = e.LegalDueAt, Paused = false, PausedSince = null,
            LegalClock = [.. LegalClock, new LegalClockMoment(e.ReadyAt, e.LegalDueAt, null)],
        },
        ResultReturned e => this with { ReturnedAt = e.ReturnedAt },
        // Open steps move to the new version's activities, as the dossier's own state does; finished ones stay as they ran.
        WorkflowVersionChanged e => this with
        {
            DefinitionVersion = e.ToVersion,
            Steps = [.. Steps.Select(s => s.IsOpen ? s with { ActivityId = e.StepMapping.GetValueOrDefault(s.ActivityId, s.ActivityId) } : s)],
        },
        _ => this,
    };

    private DossierSla Ended(DateTimeOffset at, DossierEnd end) => this with { EndedAt = EndedAt ?? at, End = End ?? end };

    private DossierSla Step(string taskId, Func<StepSla, StepSla> change) =>
        this with { Steps = [.. Steps.Select(s => s.TaskId == taskId ? change(s) : s)] };

    private bool Started => Steps.Any(s => s.AcknowledgedAt is not null || s.CompletedAt is not null);
}
