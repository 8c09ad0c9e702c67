using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Registers;

/// <summary>Inline: the receipt, the control slip and the register line are read right after the act they record.</summary>
public class DossierFileProjection : SingleStreamProjection<DossierFile, Guid>
{
    public override DossierFile? Evolve(DossierFile? snapshot, Guid id, IEvent e) => DossierFile.Next(snapshot, e.Data);
}
