using Dossiers.Engine.Dossiers;

namespace Dossiers.Engine.Control.Feedback;

/// <summary>Where a feedback is in its lifecycle (docs/control.md, "Citizen feedback (PAKN)").</summary>
public enum FeedbackStatus
{
    /// <summary>At the centre: to be refused, sent back for supplement, or assigned to an agency.</summary>
    Received,
    /// <summary>Waiting for the citizen's supplement; the resolution clock is stopped.</summary>
    AwaitingSupplement,
    /// <summary>At an agency, whose officers answer it.</summary>
    Assigned,
    /// <summary>Answered; the control office publishes it.</summary>
    Answered,
    /// <summary>Question and answer are public. Final.</summary>
    Published,
    /// <summary>Not taken up, with a reason. Final.</summary>
    Refused,
}

/// <summary>
/// One citizen feedback (phản ánh, kiến nghị) folded from its own stream: what the decider decides on and what staff
/// read (the inline document). Every time in it was decided by the decider and carried by an event.
/// </summary>
public sealed record CitizenFeedback : IChainedState
{
    public Guid Id { get; init; }
    public long Version { get; init; }
    public string? ChainHead { get; init; }
    public FeedbackStatus Status { get; init; }
    public FeedbackChannel Channel { get; init; }
    public string? DossierCode { get; init; }
    public Guid? DossierId { get; init; }
    public string ProcedureCode { get; init; } = "";
    public string? ReceivingCentre { get; init; }
    public string Subject { get; init; } = "";
    public string Content { get; init; } = "";
    /// <summary>Personal data: staff only, on the access log.</summary>
    public FeedbackContact? Contact { get; init; }
    public Actor ReceivedBy { get; init; } = new("", "", null);
    public DateTimeOffset ReceivedAt { get; init; }
    public DateTimeOffset RefuseBy { get; init; }
    public DateTimeOffset SupplementRequestBy { get; init; }
    /// <summary>The resolution deadline; null while the clock is stopped for the citizen's supplement.</summary>
    public DateTimeOffset? ResolveBy { get; init; }
    /// <summary>Office time left to resolve when the clock stopped (while <see cref="FeedbackStatus.AwaitingSupplement"/>).</summary>
    public TimeSpan? ResolveRemaining { get; init; }
    public DateTimeOffset? SupplementRequestedAt { get; init; }
    public string? SupplementReason { get; init; }
    public DateTimeOffset? SupplementedAt { get; init; }
    public string? AssignedAgency { get; init; }
    public DateTimeOffset? AssignedAt { get; init; }
    public string? Answer { get; init; }
    public Actor? AnsweredBy { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public DateTimeOffset? PublishBy { get; init; }
    public string? PublishedQuestion { get; init; }
    public string? PublishedAnswer { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public string? RefusalReason { get; init; }
    public DateTimeOffset? RefusedAt { get; init; }
    /// <summary>Deadlines whose timer found their act undone (a window closed with nothing decided, no answer, not published).</summary>
    public IReadOnlyList<FeedbackDeadline> Missed { get; init; } = [];
    /// <summary>Deadlines whose act was done after them (a late refusal, supplement request, answer or publication).</summary>
    public IReadOnlyList<FeedbackDeadline> LateActs { get; init; } = [];

    /// <summary>The citizen has a response: a refusal or the agency's answer.</summary>
    public DateTimeOffset? HandledAt => RefusedAt ?? AnsweredAt;

    public bool IsFinal => Status is FeedbackStatus.Published or FeedbackStatus.Refused;

    /// <summary>Folds one event (the pure fold the decider, the store and the tests share).</summary>
    public static CitizenFeedback? Evolve(CitizenFeedback? state, object @event) => (state, @event) switch
    {
        (null, FeedbackReceived e) => new CitizenFeedback
        {
            Id = e.FeedbackId, Status = FeedbackStatus.Received, Channel = e.Channel, DossierCode = e.DossierCode, DossierId = e.DossierId,
            ProcedureCode = e.ProcedureCode, ReceivingCentre = e.ReceivingCentre, Subject = e.Subject, Content = e.Content, Contact = e.Contact,
            ReceivedBy = e.ReceivedBy, ReceivedAt = e.ReceivedAt, RefuseBy = e.RefuseBy, SupplementRequestBy = e.SupplementRequestBy,
            ResolveBy = e.ResolveBy,
        },
        (null, _) => null,
        ({ } s, FeedbackRefused e) => s.LateAct(FeedbackDeadline.Refusal, e.Late) with
            { Status = FeedbackStatus.Refused, RefusalReason = e.Reason, RefusedAt = e.RefusedAt },
        ({ } s, FeedbackSupplementRequested e) => s.LateAct(FeedbackDeadline.SupplementRequest, e.Late) with
        {
            Status = FeedbackStatus.AwaitingSupplement, SupplementRequestedAt = e.RequestedAt, SupplementReason = e.Reason,
            ResolveBy = null, ResolveRemaining = e.ResolveRemaining,
        },
        ({ } s, FeedbackSupplemented e) => s with
            { Status = FeedbackStatus.Received, SupplementedAt = e.SupplementedAt, ResolveBy = e.ResolveBy, ResolveRemaining = null },
        ({ } s, FeedbackAssigned e) => s with { Status = FeedbackStatus.Assigned, AssignedAgency = e.Agency, AssignedAt = e.AssignedAt },
        ({ } s, FeedbackAnswered e) => s.LateAct(FeedbackDeadline.Resolution, e.Late) with
            { Status = FeedbackStatus.Answered, Answer = e.Answer, AnsweredBy = e.AnsweredBy, AnsweredAt = e.AnsweredAt, PublishBy = e.PublishBy },
        ({ } s, FeedbackPublished e) => s.LateAct(FeedbackDeadline.Publication, e.Late) with
            { Status = FeedbackStatus.Published, PublishedQuestion = e.Question, PublishedAnswer = e.Answer, PublishedAt = e.PublishedAt },
        ({ } s, FeedbackDeadlineMissed e) => s.Missed.Contains(e.Deadline) ? s : s with { Missed = [.. s.Missed, e.Deadline] },
        ({ } s, _) => s,
    };

    private CitizenFeedback LateAct(FeedbackDeadline deadline, bool late) =>
        late && !LateActs.Contains(deadline) ? this with { LateActs = [.. LateActs, deadline] } : this;
}
