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

    /// <summary>
    /// Keeps <c>DossierViews</c> off the daemon's single-pass replay (one member out is enough). That replay starts a
    /// projection at event 0 (a new store, or one just reset) reading up to the highest sequence stored, past a lower
    /// one whose transaction has not committed yet: that event would never reach the read models. The ordinary path
    /// waits for such a gap to close, as it does for every later page.
    /// </summary>
    public override bool CanParticipateInCompositeReplay => false;

    public override (DossierSla?, ActionType) DetermineAction(DossierSla? snapshot, Guid id, IReadOnlyList<IEvent> events) =>
        ChangesOnly.Fold(snapshot, events, (sla, e) => DossierSla.Next(sla, e.Data));
}
