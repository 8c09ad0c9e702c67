using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Audit;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Dossiers;

/// <summary>Inline: the next acceptance reads the count it must follow, inside its own transaction.</summary>
public class DeskRegisterProjection : SingleStreamProjection<DeskRegister, Guid>
{
    // Only register lines: without this the projection would load (and find no) register for every dossier append.
    public DeskRegisterProjection() => IncludeType<DossierRegistered>();

    // Like the dossier's state, the register carries its chain head (see DossierStateProjection).
    public override DeskRegister? Evolve(DeskRegister? snapshot, Guid id, IEvent e) =>
        DeskRegister.Evolve(snapshot, e.Data) is { } next
            ? next with { ChainHead = e.GetHeader(EventHash.Header)?.ToString() ?? snapshot?.ChainHead }
            : null;
}
