namespace Dossiers.Engine.Control.Feedback;

/// <summary>An event of a citizen feedback's own stream (phản ánh, kiến nghị); dossier projections never take these.</summary>
public interface IFeedbackEvent
{
    Guid FeedbackId { get; }
}

/// <summary>How the feedback reached the centre: typed in by the desk for the citizen, or sent anonymously online.</summary>
public enum FeedbackChannel { Desk, Public }

/// <summary>The QĐ 766 deadlines of a feedback, each watched by a durable timer.</summary>
public enum FeedbackDeadline
{
    /// <summary>Refuse (or otherwise decide to take it) within 2 working days of receipt.</summary>
    Refusal,
    /// <summary>Ask the citizen for what is missing within 5 working days of receipt.</summary>
    SupplementRequest,
    /// <summary>Answer within 15 working days of receipt (the citizen's supplement time left out).</summary>
    Resolution,
    /// <summary>Publish the question and answer within 2 working days of the answer.</summary>
    Publication,
}

/// <summary>How to reach the citizen: personal data, shown to staff only, never logged, never published.</summary>
public sealed record FeedbackContact(string? Name, string? Phone, string? Email, string? Address);

/// <summary>
/// The centre received a feedback about a dossier (by its code) or a procedure. Every due time the decider computed
/// is in here, with the calendar version that computed it, so the read model never needs the calendar.
/// </summary>
/// <param name="ReceivingCentre">The service centre that answers for it: the desk's centre, or the dossier's receiving
/// centre for one sent online about a dossier; null for an online feedback about a procedure only (the province's).</param>
public sealed record FeedbackReceived(
    Guid FeedbackId,
    FeedbackChannel Channel,
    string? DossierCode,
    Guid? DossierId,
    string ProcedureCode,
    string? ReceivingCentre,
    string Subject,
    string Content,
    FeedbackContact? Contact,
    Actor ReceivedBy,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RefuseBy,
    DateTimeOffset SupplementRequestBy,
    DateTimeOffset ResolveBy,
    string CalendarVersion) : IFeedbackEvent;

/// <summary>Not taken up, with the reason given to the citizen; <paramref name="Late"/> past the refusal deadline.</summary>
public sealed record FeedbackRefused(Guid FeedbackId, string Reason, bool Late, Actor RefusedBy, DateTimeOffset RefusedAt) : IFeedbackEvent;

/// <summary>
/// The citizen was asked for what is missing; the resolution clock stops with <paramref name="ResolveRemaining"/>
/// of office time left (negative when already past it). <paramref name="Late"/> past the supplement-request deadline.
/// </summary>
public sealed record FeedbackSupplementRequested(Guid FeedbackId, string Reason, bool Late, TimeSpan ResolveRemaining, Actor RequestedBy,
    DateTimeOffset RequestedAt) : IFeedbackEvent;

/// <summary>The citizen brought what was asked for; the resolution clock runs again, now due at <paramref name="ResolveBy"/>.</summary>
public sealed record FeedbackSupplemented(Guid FeedbackId, string? Note, DateTimeOffset ResolveBy, string CalendarVersion, Actor RecordedBy,
    DateTimeOffset SupplementedAt) : IFeedbackEvent;

/// <summary>The control office gave the feedback to an agency (again, when it moves it); that agency's officers answer it.</summary>
public sealed record FeedbackAssigned(Guid FeedbackId, string Agency, string? PreviousAgency, string? Note, Actor AssignedBy, DateTimeOffset AssignedAt)
    : IFeedbackEvent;

/// <summary>The agency's answer; <paramref name="Late"/> past the resolution deadline; it must be published by <paramref name="PublishBy"/>.</summary>
public sealed record FeedbackAnswered(Guid FeedbackId, string Agency, string Answer, bool Late, DateTimeOffset PublishBy, string CalendarVersion,
    Actor AnsweredBy, DateTimeOffset AnsweredAt) : IFeedbackEvent;

/// <summary>
/// The question and answer made public, as the control office worded them for publication (personal details the
/// citizen wrote into the text taken out); <paramref name="Late"/> past the publication deadline.
/// </summary>
public sealed record FeedbackPublished(Guid FeedbackId, string Question, string Answer, bool Late, Actor PublishedBy, DateTimeOffset PublishedAt)
    : IFeedbackEvent;

/// <summary>A deadline passed with its act not done: recorded by its timer, as the "system" actor, once per due time.</summary>
public sealed record FeedbackDeadlineMissed(Guid FeedbackId, FeedbackDeadline Deadline, DateTimeOffset DueAt, DateTimeOffset DetectedAt) : IFeedbackEvent;
