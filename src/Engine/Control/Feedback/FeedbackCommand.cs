using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Control.Feedback;

/// <summary>What a caller wants done to a feedback; never stored.</summary>
public abstract record FeedbackCommand
{
    /// <param name="DossierId">The dossier the feedback is about, found by its code (the caller checked the code).</param>
    /// <param name="ReceivingCentre">For an online feedback about a dossier: that dossier's receiving centre. A desk's is its own.</param>
    public sealed record Receive(Guid FeedbackId, FeedbackChannel Channel, string? DossierCode, Guid? DossierId, string ProcedureCode,
        string? ReceivingCentre, string Subject, string Content, FeedbackContact? Contact) : FeedbackCommand;
    public sealed record Refuse(string Reason) : FeedbackCommand;
    public sealed record RequestSupplement(string Reason) : FeedbackCommand;
    public sealed record RecordSupplement(string? Note) : FeedbackCommand;
    public sealed record Assign(string Agency, string? Note) : FeedbackCommand;
    public sealed record Answer(string Text) : FeedbackCommand;
    /// <param name="Question">The question as published; the citizen's own text when null.</param>
    /// <param name="AnswerText">The answer as published; the agency's own text when null.</param>
    public sealed record Publish(string? Question, string? AnswerText) : FeedbackCommand;
    /// <summary>A timer fired: has <paramref name="Deadline"/>, due at <paramref name="DueAt"/>, passed with its act undone?</summary>
    public sealed record CheckDeadline(FeedbackDeadline Deadline, DateTimeOffset DueAt) : FeedbackCommand;
}

/// <summary>
/// The QĐ 766 time limits for feedback, in working days on the working calendar, counted from receipt (refusal,
/// supplement request, resolution) or from the answer (publication). Configurable (Feedback:*WorkingDays).
/// </summary>
public sealed record FeedbackTimeLimits(Budget Refusal, Budget SupplementRequest, Budget Resolution, Budget Publication)
{
    public static FeedbackTimeLimits Default { get; } =
        new(Budget.WorkingDays(2), Budget.WorkingDays(5), Budget.WorkingDays(15), Budget.WorkingDays(2));
}

/// <summary>What every feedback decision gets: the calendar, the limits, the units, who and now.</summary>
public sealed record FeedbackContext(WorkingCalendar Calendar, FeedbackTimeLimits Limits, AgencyRegistry Agencies, Actor Actor, DateTimeOffset Now);
