using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Dossiers;
using Dossiers.Projections.Sla;
using Dossiers.Projections.Workflows;
using JasperFx.Events.Projections;
using Marten;

namespace Dossiers.Projections;

public static class ProjectionsRegistration
{
    /// <summary>Every projection of the product, with its lifecycle chosen on purpose.</summary>
    public static StoreOptions AddDossierProjections(this StoreOptions options)
    {
        options.Projections.Add(new DossierStateProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Dossier>().Identity(d => d.Id);
        options.Projections.Add(new DeskRegisterProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<DeskRegister>().Identity(r => r.Id);
        options.Projections.Add(new WorkflowRecordProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new DossierSlaProjection(), ProjectionLifecycle.Async);
        options.Schema.For<DossierSla>().Identity(d => d.Id)
            .Index(d => d.DueAt).Index(d => d.EndedAt).Index(d => d.AcceptedAt).Index(d => d.ReceivingAgency!);
        options.Schema.For<WorkflowRecord>().Identity(r => r.Id).Index(r => r.ProcedureCode);
        return options;
    }
}
