using Dossiers.Engine.Control.Feedback;

namespace Dossiers.Api.Feedback;

/// <summary>
/// A feedback as staff see it. <see cref="Contact"/> is personal data: only <c>GET /api/feedback/{id}</c> fills it (and
/// records the read on the access log); command answers and lists leave it out.
/// </summary>
public sealed record FeedbackView(
    Guid Id,
    long Version,
    FeedbackStatus Status,
    FeedbackChannel Channel,
    string? DossierCode,
    Guid? DossierId,
    string ProcedureCode,
    string? ReceivingCentre,
    string? AssignedAgency,
    string Subject,
    string Content,
    FeedbackContact? Contact,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RefuseBy,
    DateTimeOffset SupplementRequestBy,
    DateTimeOffset? ResolveBy,
    DateTimeOffset? PublishBy,
    string? SupplementReason,
    DateTimeOffset? SupplementRequestedAt,
    DateTimeOffset? SupplementedAt,
    string? RefusalReason,
    DateTimeOffset? RefusedAt,
    string? Answer,
    string? AnsweredBy,
    DateTimeOffset? AnsweredAt,
    DateTimeOffset? PublishedAt,
    IReadOnlyList<FeedbackDeadline> Missed,
    IReadOnlyList<FeedbackDeadline> LateActs,
    IReadOnlyList<string> AllowedActions)
{
    public static FeedbackView Of(CitizenFeedback f, bool withContact) => new(f.Id, f.Version, f.Status, f.Channel, f.DossierCode, f.DossierId,
        f.ProcedureCode, f.ReceivingCentre, f.AssignedAgency, f.Subject, f.Content, withContact ? f.Contact : null, f.ReceivedAt, f.RefuseBy,
        f.SupplementRequestBy, f.ResolveBy, f.PublishBy, f.SupplementReason, f.SupplementRequestedAt, f.SupplementedAt, f.RefusalReason,
        f.RefusedAt, f.Answer, f.AnsweredBy?.User, f.AnsweredAt, f.PublishedAt, f.Missed, f.LateActs, FeedbackDecider.AllowedActions(f));
}

/// <summary>One line of the staff list: nothing personal (open it by id for the contact).</summary>
public sealed record FeedbackItem(Guid Id, FeedbackStatus Status, FeedbackChannel Channel, string? DossierCode, string ProcedureCode,
    string? ReceivingCentre, string? AssignedAgency, string Subject, DateTimeOffset ReceivedAt, DateTimeOffset? ResolveBy, DateTimeOffset? HandledAt,
    IReadOnlyList<FeedbackDeadline> Missed, IReadOnlyList<FeedbackDeadline> LateActs)
{
    public static FeedbackItem Of(CitizenFeedback f) => new(f.Id, f.Status, f.Channel, f.DossierCode, f.ProcedureCode, f.ReceivingCentre,
        f.AssignedAgency, f.Subject, f.ReceivedAt, f.ResolveBy, f.HandledAt, f.Missed, f.LateActs);
}

/// <summary>A page of feedback; <c>next</c> fetches the following page (absent on the last).</summary>
public sealed record FeedbackPage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>
/// A published question and answer as anyone sees them: the texts the control office published, the procedure and the
/// answering agency. No name, phone, e-mail or address, and not the dossier code.
/// </summary>
public sealed record PublicFeedback(Guid Id, string ProcedureCode, string Question, string Answer, string? Agency, DateTimeOffset ReceivedAt,
    DateTimeOffset? AnsweredAt, DateTimeOffset PublishedAt)
{
    public static PublicFeedback Of(CitizenFeedback f) => new(f.Id, f.ProcedureCode, f.PublishedQuestion!, f.PublishedAnswer!, f.AssignedAgency,
        f.ReceivedAt, f.AnsweredAt, f.PublishedAt!.Value);
}

/// <summary>What the citizen gets back after sending a feedback online: its number and when it must be answered.</summary>
public sealed record FeedbackReceipt(Guid Id, DateTimeOffset ReceivedAt, DateTimeOffset ResolveBy);
