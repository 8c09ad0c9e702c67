using Dossiers.Engine.Workflows;

namespace Dossiers.Engine.Dossiers;

/// <summary>Commands are never stored, so they may nest; each says what the caller wants done.</summary>
public abstract record DossierCommand
{
    /// <param name="CompetentCommune">The commune (its people's committee's code) whose units handle the dossier; the receiving centre's own when null.</param>
    /// <param name="PickupCentre">The service centre where the applicant will collect the result; the receiving centre when null.</param>
    /// <param name="ReceivingCentre">The service centre chosen on the national portal (online dossiers); a desk's own centre otherwise.</param>
    /// <param name="PortalReference">The national portal's own reference of the dossier (kept for the sync back).</param>
    public sealed record Submit(Guid DossierId, string ProcedureCode, Channel Channel, Applicant Applicant, IReadOnlyList<DossierDocument> Documents, string? DataJson,
        string? CompetentCommune = null, string? PickupCentre = null, string? ReceivingCentre = null, string? PortalReference = null)
        : DossierCommand;

    /// <param name="RegisterNumber">The next number in the receiving desk's register for today (read by the caller).</param>
    public sealed record Accept(int RegisterNumber) : DossierCommand;
    public sealed record Refuse(string Reason) : DossierCommand;
    public sealed record AcknowledgeTask(string TaskId) : DossierCommand;
    public sealed record CompleteTask(string TaskId, string Outcome, string? Note) : DossierCommand;
    public sealed record RequestSupplement(IReadOnlyList<string> Items, string Reason, bool AcknowledgeViolation) : DossierCommand;
    public sealed record ReceiveSupplement(string? Note) : DossierCommand;
    public sealed record RequestPayment(decimal? Amount, string Reason) : DossierCommand;
    public sealed record RecordPayment(string? Note) : DossierCommand;
    public sealed record Apologize(string Reason, DateTimeOffset NewDueAt) : DossierCommand;
    public sealed record Withdraw(string Reason) : DossierCommand;
    public sealed record Stop(string Reason) : DossierCommand;
    public sealed record ReturnResult(string? Note) : DossierCommand;
    /// <summary>A file already stored under <paramref name="Sha256"/>, to be attached (its type detected from its bytes).</summary>
    public sealed record AttachFile(string Sha256, long Size, string MediaType, string FileName, string? Document, FileKind Kind) : DossierCommand;
    /// <summary>A deadline timer fired; the state decides whether anything is overdue (timers are never cancelled).</summary>
    public sealed record CheckDeadline(DeadlineKind Kind, string? TaskId, DateTimeOffset DueAt) : DossierCommand;

    public sealed record MigrateVersion(WorkflowDefinition Target, IReadOnlyDictionary<string, string> StepMapping, string Reason) : DossierCommand;
}

/// <summary>What a timer watches: a step, the appointment, the warning before it, or an online dossier's intake.</summary>
public enum DeadlineKind { Task, Dossier, DueSoon, OnlineIntake }

/// <summary>
/// What a decision may read besides the state: the pinned workflow, the calendar, who acts, when, and the agency
/// registry the dossier was accepted under (the current one for a new dossier).
/// </summary>
public sealed record DecisionContext(WorkflowDefinition Workflow, Calendars.WorkingCalendar Calendar, Actor Actor, DateTimeOffset Now,
    Agencies.AgencyRegistry Registry);

/// <summary>Action names as the HTTP routes spell them; listed in a 409 so the caller knows what is possible.</summary>
public static class DossierActions
{
    public const string Accept = "accept", Refuse = "refuse", Acknowledge = "acknowledge", Complete = "complete",
        SupplementRequest = "supplement-request", Supplement = "supplement", PaymentRequest = "payment-request",
        Payment = "payment", Apology = "apology", Withdrawal = "withdrawal", Stop = "stop", Return = "return", Migrate = "migrate";
}
