using Dossiers.Projections.Dossiers;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Sla;

/// <summary>
/// Async (the daemon): the SLA boards and the scorecard read many dossiers at once and tolerate a moment's lag;
/// keeping it off the write path keeps commands fast. Folds with the pure <see cref="DossierSla.Next"/>.
/// </summary>
public class DossierSlaProjection : SingleStreamProjection<DossierSla, Guid>
{
    public DossierSlaProjection() => this.IncludeDossierEvents();

    public override DossierSla? Evolve(DossierSla? snapshot, Guid id, IEvent e) => DossierSla.Next(snapshot, e.Data);
}
