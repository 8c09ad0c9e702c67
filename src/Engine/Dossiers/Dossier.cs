namespace Dossiers.Engine.Dossiers;

/// <summary>
/// The decider's view of one dossier: only what decisions need. Rebuilt from the events by <see cref="Evolve"/>;
/// it never reads the clock, the calendar or the workflow.
/// </summary>
public record Dossier(
    Guid Id,
    string ProcedureCode,
    Channel Channel,
    DossierStatus Status,
    DateTimeOffset SubmittedAt)
{
    /// <summary>Stream version after the last applied event (set by the store while folding).</summary>
    public long Version { get; init; }

    // No Create/Apply methods here: Marten would take them as conventions and refuse the explicit Evolve.
    public static Dossier? Evolve(Dossier? state, object @event) => (state, @event) switch
    {
        (null, DossierSubmitted e) => new(e.DossierId, e.ProcedureCode, e.Channel, DossierStatus.Submitted, e.SubmittedAt),
        _ => state,
    };
}
