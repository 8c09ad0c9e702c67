using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Audit;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Dossiers;

/// <summary>
/// Folds a dossier stream with the Engine's pure <see cref="Dossier.Evolve"/>, so the Engine needs no Marten
/// reference and the write model used by the decider is exactly the one the tests exercise without a database.
/// Inline: a read right after a write sees it, and FetchForWriting uses it.
/// </summary>
public class DossierStateProjection : SingleStreamProjection<Dossier, Guid>
{
    // Without it the projection would load (and find no) dossier for the register stream, inside the register's lock.
    public DossierStateProjection() => this.IncludeDossierEvents();

    public override Dossier? Evolve(Dossier? snapshot, Guid id, IEvent e) =>
        Dossier.Evolve(snapshot, e.Data) is { } next
            // An event being appended has no hash yet: the head stays the stream's last one until the save sets it.
            ? next with { Version = e.Version, ChainHead = e.GetHeader(EventHash.Header)?.ToString() ?? next.ChainHead }
            : null;
}
