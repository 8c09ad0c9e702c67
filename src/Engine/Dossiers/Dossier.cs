using System.Collections.Immutable;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Dossiers;

/// <summary>
/// The decider's view of one dossier: only what decisions need. Rebuilt from the events by <see cref="Evolve"/>;
/// it never reads the clock, the calendar or the workflow.
/// </summary>
public sealed record Dossier(
    Guid Id,
    string ProcedureCode,
    string DefinitionId,
    int DefinitionVersion,
    Channel Channel,
    DossierStatus Status,
    DateTimeOffset SubmittedAt) : IChainedState
{
    /// <summary>Stream version after the last applied event (set by the store while folding).</summary>
    public long Version { get; init; }

    /// <summary>The audit hash of the last applied event (set by the store while folding): the next append chains on it.</summary>
    public string? ChainHead { get; init; }

    public string? DataJson { get; init; }
    public IReadOnlyList<DossierDocument> Documents { get; init; } = [];
    public DateTimeOffset? AcceptanceDueAt { get; init; }
    /// <summary>The national portal's reference of an online dossier.</summary>
    public string? PortalReference { get; init; }
    /// <summary>When the desk first answered the dossier at intake: accepted, refused or asked for a supplement.</summary>
    public DateTimeOffset? IntakeAnsweredAt { get; init; }
    /// <summary>The online intake deadline passed unanswered (its timer recorded it).</summary>
    public bool IntakeOverdue { get; init; }
    /// <summary>The desk's first answer to the online dossier came after its intake deadline.</summary>
    public bool IntakeLate { get; init; }

    public string? Code { get; init; }
    /// <summary>The service centre that received the dossier: its desk speaks for the dossier (code, register, Mẫu 01).</summary>
    public string? ReceivingAgency { get; init; }
    /// <summary>The commune (its people's committee's code) whose units are competent for the dossier.</summary>
    public string? CompetentCommune { get; init; }
    /// <summary>The service centre where the applicant collects the result, when not the receiving one.</summary>
    public string? PickupCentre { get; init; }
    public string? RegistryVersion { get; init; }
    /// <summary>Where each step works for this dossier (activity id → agency), resolved at acceptance.</summary>
    public ImmutableDictionary<string, string> Routing { get; init; } = ImmutableDictionary<string, string>.Empty;
    /// <summary>Every unit that received the dossier, hands out its result, or holds or held one of its steps.</summary>
    public ImmutableSortedSet<string> Participants { get; init; } = ImmutableSortedSet<string>.Empty;
    /// <summary>Every unit that completed one of the dossier's steps: with the receiving centre, whom a citizen's evaluation credits.</summary>
    public ImmutableSortedSet<string> HandledBy { get; init; } = ImmutableSortedSet<string>.Empty;
    public DateTimeOffset? AcceptedAt { get; init; }
    public Budget? LegalTime { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>The appointment first given on Mẫu 01, kept when an apology sets a new one.</summary>
    public DateTimeOffset? OriginalDueAt { get; init; }
    /// <summary>The due time the legal limit gives, moved by pauses but not by an apology: what scoring uses.</summary>
    public DateTimeOffset? LegalDueAt { get; init; }
    public TimeSpan PausedWorkingTime { get; init; }
    public DateTimeOffset? OverdueFor { get; init; }
    public DateTimeOffset? WarnedFor { get; init; }

    public ImmutableDictionary<string, OpenTask> Tasks { get; init; } = ImmutableDictionary<string, OpenTask>.Empty;
    /// <summary>Tasks completed or cancelled: acting on one again is a conflict (409), not an unknown task (404).</summary>
    public ImmutableHashSet<string> ClosedTasks { get; init; } = ImmutableHashSet<string>.Empty;
    public ImmutableDictionary<string, int> Activations { get; init; } = ImmutableDictionary<string, int>.Empty;
    public ImmutableDictionary<string, string> Outcomes { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableDictionary<string, ImmutableList<string>> JoinArrivals { get; init; } = ImmutableDictionary<string, ImmutableList<string>>.Empty;
    /// <summary>WaitAny joins that already let the flow through for the current fork activation.</summary>
    public ImmutableHashSet<string> CompletedJoins { get; init; } = ImmutableHashSet<string>.Empty;
    public string? AwaitingPaymentActivity { get; init; }

    public ClockPause? Pause { get; init; }
    /// <summary>An agency has taken the dossier (first acknowledgement or completion): DVCQG 4 from then on.</summary>
    public bool Started { get; init; }
    /// <summary>Waiting for the applicant before the desk has received the dossier (Mẫu 02 guidance).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool SupplementAtIntake => Status == DossierStatus.AwaitingSupplement && AcceptedAt is null;
    public int IntakeSupplements { get; init; }
    public int SupplementRequests { get; init; }
    public int Reschedules { get; init; }
    public bool LateForScoring { get; init; }
    public ResultKind? Result { get; init; }
    public DateTimeOffset? ResolvedAt { get; init; }
    /// <summary>When the result was handed to the applicant: the public result link counts its days from here.</summary>
    public DateTimeOffset? ReturnedAt { get; init; }
    /// <summary>Every file attached, oldest first.</summary>
    public ImmutableList<AttachedFile> Files { get; init; } = ImmutableList<AttachedFile>.Empty;

    /// <summary>The statuses that end a dossier; a query of the stored documents finds the running ones with it.</summary>
    public static readonly DossierStatus[] TerminalStatuses = [DossierStatus.Refused, DossierStatus.Stopped, DossierStatus.Returned];

    public bool IsTerminal => TerminalStatuses.Contains(Status);

    /// <summary>The steps the dossier is at: each open task's, and the payment step it waits at. A migration maps these.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> ActiveSteps =>
        [.. Tasks.Values.Select(t => t.ActivityId).Concat(AwaitingPaymentActivity is { } paying ? [paying] : []).Distinct().Order(StringComparer.Ordinal)];

    // No Create/Apply methods here: Marten would take them as conventions and refuse the explicit Evolve.
    public static Dossier? Evolve(Dossier? state, object @event) => (state, @event) switch
    {
        (null, DossierSubmitted e) => new Dossier(e.DossierId, e.ProcedureCode, e.DefinitionId, e.DefinitionVersion, e.Channel,
            DossierStatus.Submitted, e.SubmittedAt)
        {
            DataJson = e.DataJson, Documents = e.Documents, AcceptanceDueAt = e.AcceptanceDueAt,
            ReceivingAgency = e.ReceivingAgency, CompetentCommune = e.CompetentCommune, PickupCentre = e.PickupCentre,
            RegistryVersion = e.RegistryVersion, PortalReference = e.PortalReference,
            Participants = [.. new[] { e.ReceivingAgency, e.PickupCentre }.OfType<string>()],
        },
        (null, _) => null,
        ({ } s, _) => s.After(@event) with { Status = DossierLifecycle.Next(s.Status, @event, s.Started, s.AcceptedAt is not null) },
    };

    private Dossier After(object @event) => @event switch
    {
        DossierAccepted e => this with
        {
            Code = e.Code, ReceivingAgency = e.ReceivingAgency, AcceptedAt = e.AcceptedAt, IntakeAnsweredAt = IntakeAnsweredAt ?? e.AcceptedAt,
            LegalTime = e.LegalTime, DueAt = e.DueAt, OriginalDueAt = e.DueAt, LegalDueAt = e.DueAt,
            CompetentCommune = e.CompetentCommune ?? CompetentCommune, RegistryVersion = e.RegistryVersion ?? RegistryVersion,
            Routing = e.Routing?.ToImmutableDictionary() ?? Routing, Participants = Participants.Add(e.ReceivingAgency),
        },
        TaskActivated e => this with
        {
            Participants = Participants.Add(e.Agency),
            Tasks = Tasks.SetItem(e.TaskId, new OpenTask(e.TaskId, e.ActivityId, e.Agency, e.Title, e.Budget, e.DueAt, e.ActivatedAt, e.HandOver, e.HandOver is null)),
            Activations = Activations.SetItem(e.ActivityId, Activations.GetValueOrDefault(e.ActivityId) + 1),
        },
        TaskAcknowledged e when Tasks.TryGetValue(e.TaskId, out var task) => this with { Started = true, Tasks = Tasks.SetItem(e.TaskId, task with { Acknowledged = true }) },
        TaskCompleted e => this with
        {
            Started = true, Tasks = Tasks.Remove(e.TaskId), ClosedTasks = ClosedTasks.Add(e.TaskId), Outcomes = Outcomes.SetItem(e.ActivityId, e.Outcome),
            HandledBy = HandledBy.Add(e.Agency),
        },
        TaskCancelled e => this with { Tasks = Tasks.Remove(e.TaskId), ClosedTasks = ClosedTasks.Add(e.TaskId) },
        TaskReassigned e when Tasks.TryGetValue(e.TaskId, out var moved) => this with
        {
            Participants = Participants.Add(e.ToAgency),
            Tasks = Tasks.SetItem(e.TaskId, moved with { Agency = e.ToAgency, Acknowledged = false, HandOver = new HandOver(e.FromAgency, e.ReassignedBy.User, e.TaskId) }),
        },
        DecisionTaken e => this with { Outcomes = Outcomes.SetItem(e.ActivityId, e.Port) },
        ForkActivated { JoinId: { } join } => this with { CompletedJoins = CompletedJoins.Remove(join), JoinArrivals = JoinArrivals.Remove(join) },
        JoinArrived e => this with { JoinArrivals = JoinArrivals.SetItem(e.ActivityId, JoinArrivals.GetValueOrDefault(e.ActivityId, []).Add(e.FromActivityId)) },
        JoinCompleted e => this with { JoinArrivals = JoinArrivals.Remove(e.ActivityId), CompletedJoins = CompletedJoins.Add(e.ActivityId) },
        SupplementRequested e when e.AtIntake => this with { IntakeSupplements = IntakeSupplements + 1, IntakeAnsweredAt = IntakeAnsweredAt ?? e.RequestedAt },
        DossierRefused e => this with { IntakeAnsweredAt = IntakeAnsweredAt ?? e.RefusedAt },
        OnlineIntakeOverdue => this with { IntakeOverdue = true },
        OnlineIntakeLate => this with { IntakeLate = true },
        SupplementRequested => this with { SupplementRequests = SupplementRequests + 1 },
        PaymentRequested e => this with { AwaitingPaymentActivity = e.ActivityId },
        PaymentReceived => this with { AwaitingPaymentActivity = null },
        ClockPaused e => this with { Pause = new ClockPause(e.Reason, e.PausedAt, e.DossierRemaining, e.TaskRemaining, e.LegalRemaining) },
        ClockResumed e => this with
        {
            Pause = null, DueAt = e.DueAt, LegalDueAt = e.LegalDueAt,
            PausedWorkingTime = PausedWorkingTime + e.PausedWorkingTime,
            Tasks = Tasks.ToImmutableDictionary(t => t.Key, t => e.TaskDueAt.TryGetValue(t.Key, out var due) ? t.Value with { DueAt = due } : t.Value),
        },
        ApologyIssued e => this with { DueAt = e.NewDueAt, Reschedules = Reschedules + 1 },
        RuleViolationRecorded => this with { LateForScoring = true },
        TaskOverdue e when Tasks.TryGetValue(e.TaskId, out var late) => this with { Tasks = Tasks.SetItem(e.TaskId, late with { Overdue = true }) },
        DossierOverdue e => this with { OverdueFor = e.DueAt },
        DueSoonWarned e => this with { WarnedFor = e.DueAt },
        ProcessingStopped => this with { Pause = null },   // its open tasks were each cancelled just before
        ResultReady e => this with
        {
            Result = e.Kind, ResolvedAt = e.ReadyAt, Pause = null, AwaitingPaymentActivity = null,
        },
        ResultReturned e => this with { ReturnedAt = e.ReturnedAt },
        FileAttached e => this with { Files = Files.Add(new AttachedFile(e.Sha256, e.Size, e.MediaType, e.FileName, e.Document, e.Kind, e.AttachedBy, e.AttachedAt)) },
        WorkflowVersionChanged e => this with
        {
            DefinitionVersion = e.ToVersion,
            Routing = e.Routing?.ToImmutableDictionary() ?? Routing,
            AwaitingPaymentActivity = AwaitingPaymentActivity is { } paying ? e.StepMapping.GetValueOrDefault(paying, paying) : null,
            Tasks = Tasks.ToImmutableDictionary(t => t.Key, t => t.Value with { ActivityId = e.StepMapping.GetValueOrDefault(t.Value.ActivityId, t.Value.ActivityId) }),
        },
        _ => this,
    };
}
