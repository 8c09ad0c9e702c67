using Dossiers.Engine.Dossiers;

namespace Dossiers.Projections.Search;

/// <summary>
/// One dossier as the search and the pick-up list find it: the folded text it is found by (<see cref="TextFold"/>),
/// what a result line shows, and what the filters and the pick-up list select on. Everything comes from the events,
/// nothing from the clock, so a rebuild stores the same documents.
/// </summary>
public sealed record DossierSearchEntry
{
    public Guid Id { get; init; }
    public string? Code { get; init; }
    public string ApplicantName { get; init; } = "";
    public string ProcedureCode { get; init; } = "";
    public string ProcedureName { get; init; } = "";
    public DossierStatus Status { get; init; }
    /// <summary>The DVCQG status 1–10 of <see cref="Status"/>: what the status filter and the pick-up list (9) compare.</summary>
    public int Dvcqg { get; init; }
    public string? ReceivingAgency { get; init; }
    /// <summary>Where the applicant collects the result: the pick-up centre chosen at intake, else the receiving centre.</summary>
    public string? PickupCentre { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public DateTimeOffset? AppointmentAt { get; init; }
    public DateTimeOffset? ResultReadyAt { get; init; }
    public DateTimeOffset? ReturnedAt { get; init; }

    /// <summary>Name, identity number and code, folded: what the trigram index covers.</summary>
    public string SearchText { get; init; } = "";
    /// <summary>The applicant's identity number (CCCD), folded, when the dossier records one; no answer shows it.</summary>
    public string IdNumberKey { get; init; } = "";
    /// <summary>The folded name alone: ranks a closer name above a partial one.</summary>
    public string NameKey { get; init; } = "";
    /// <summary>The folded code: a query equal to it puts this dossier first.</summary>
    public string CodeKey { get; init; } = "";
    /// <summary>Milliseconds since 1970 of reception (submission before it): the order of a list without text, newest first.</summary>
    public long ListedOrder { get; init; }
    /// <summary>Milliseconds since 1970 the result became ready: the pick-up list's order, oldest first.</summary>
    public long ReadyOrder { get; init; }

    /// <summary>Whether an agency has taken the dossier and whether the desk received it: the status rule needs both.</summary>
    public bool Started { get; init; }
    public bool Received { get; init; }

    // Not named Apply/Create/Evolve: Marten would take them as conventions beside the explicit projection.
    public static DossierSearchEntry? Next(DossierSearchEntry? entry, object @event) => (entry, @event) switch
    {
        (null, DossierSubmitted e) => Keyed(new DossierSearchEntry
        {
            Id = e.DossierId, ApplicantName = e.Applicant.Name, ProcedureCode = e.ProcedureCode, ProcedureName = e.ProcedureName,
            Status = DossierStatus.Submitted, Dvcqg = DvcqgStatus.Of(DossierStatus.Submitted), ReceivingAgency = e.ReceivingAgency,
            PickupCentre = e.PickupCentre ?? e.ReceivingAgency, SubmittedAt = e.SubmittedAt,
            IdNumberKey = TextFold.Fold(e.Applicant.IdNumber),
        }),
        (null, _) => null,
        // The status follows the one rule every read model shares (DossierLifecycle), from the state before the event.
        ({ } s, _) => s.After(@event).Statused(DossierLifecycle.Next(s.Status, @event, s.Started, s.Received)),
    };

    private DossierSearchEntry Statused(DossierStatus status) => this with { Status = status, Dvcqg = DvcqgStatus.Of(status) };

    private DossierSearchEntry After(object @event) => @event switch
    {
        DossierAccepted e => Keyed(this with
        {
            Code = e.Code, ReceivingAgency = e.ReceivingAgency, PickupCentre = PickupCentre ?? e.ReceivingAgency, ReceivedAt = e.AcceptedAt,
            AppointmentAt = e.DueAt, Received = true,
        }),
        TaskAcknowledged or TaskCompleted => this with { Started = true },
        ClockResumed e => this with { AppointmentAt = e.DueAt },
        ApologyIssued e => this with { AppointmentAt = e.NewDueAt },
        ResultReady e => this with { ResultReadyAt = e.ReadyAt, ReadyOrder = e.ReadyAt.ToUnixTimeMilliseconds() },
        ResultReturned e => this with { ReturnedAt = e.ReturnedAt },
        _ => this,
    };

    private static DossierSearchEntry Keyed(DossierSearchEntry entry) => entry with
    {
        SearchText = TextFold.Of(entry.ApplicantName, entry.IdNumberKey, entry.Code),
        NameKey = TextFold.Fold(entry.ApplicantName),
        CodeKey = TextFold.Fold(entry.Code),
        ListedOrder = (entry.ReceivedAt ?? entry.SubmittedAt).ToUnixTimeMilliseconds(),
    };
}
