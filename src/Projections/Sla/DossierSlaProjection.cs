using Dossiers.Projections.Dossiers;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Sla;

/// <summary>
/// Async (the daemon): the SLA boards and the scorecard read many dossiers at once and tolerate a moment's lag;
/// keeping it off the write path keeps commands fast. Folds with the pure <see cref="DossierSla.Next"/>.
/// </summary>
public class DossierSlaProjection : SingleStreamProjection<DossierSla, Guid>
{
    public DossierSlaProjection() => this.IncludeDossierEvents();

    public override (DossierSla?, ActionType) DetermineAction(DossierSla? snapshot, Guid id, IReadOnlyList<IEvent> events) =>
        ChangesOnly.Fold(snapshot, events, (sla, e) => DossierSla.Next(sla, e.Data));
}
