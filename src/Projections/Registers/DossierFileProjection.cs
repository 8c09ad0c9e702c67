using Dossiers.Projections.Dossiers;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Registers;

/// <summary>
/// Asynchronous, off the command path. The receipt and the control slip are read right after the act they record, with
/// FetchLatest (stored file + events not yet applied); the register waits for the daemon before it prints.
/// </summary>
public class DossierFileProjection : SingleStreamProjection<DossierFile, Guid>
{
    public DossierFileProjection() => this.IncludeDossierEvents();

    public override (DossierFile?, ActionType) DetermineAction(DossierFile? snapshot, Guid id, IReadOnlyList<IEvent> events) =>
        ChangesOnly.Fold(snapshot, events, (file, e) => DossierFile.Next(file, e.Data));
}
