using Dossiers.Engine.Workflows;

namespace Dossiers.Engine.Dossiers;

public static partial class DossierDecider
{
    private static DossierSubmitted Submitted(Guid id, DossierCommand.Submit c, DecisionContext context)
    {
        var now = Now(context);
        var intake = context.Workflow.Intake!;
        var (centre, commune) = Reception(c, context);
        // Online dossiers must be accepted (or sent back) within the intake's budget, e.g. 8 working hours.
        var acceptanceDue = c.Channel == Channel.Online && intake.Budget is { } budget ? context.Calendar.Due(now, budget).DueAt : (DateTimeOffset?)null;
        return new DossierSubmitted(id, c.ProcedureCode, context.Workflow.DefinitionId, context.Workflow.Version, c.Channel, c.Applicant,
            c.Documents, c.DataJson, context.Actor, now, acceptanceDue, context.Calendar.Version, context.Workflow.Procedure.Name,
            centre, commune, c.PickupCentre, context.Registry.Version);
    }

    private static IReadOnlyList<object> Accept(Dossier state, DossierCommand.Accept c, DecisionContext context)
    {
        Require(state, state.Status == DossierStatus.Submitted,
            state.Status == DossierStatus.AwaitingSupplement ? "The dossier is waiting for the applicant's supplement." : "The dossier was already received.");
        var centre = ReceivingCentre(state, context.Actor) ?? DeskCentre(context);
        Require(state, c.RegisterNumber is >= 1 and <= 9999, "The desk's register for today is full (9999 dossiers).");
        var now = Now(context);
        var where = JurisdictionOf(state, context, centre);
        // A dossier submitted at a desk was checked then; one that arrived without a centre (online) is checked now.
        if (state.ReceivingAgency is null) RequireReception(context.Workflow, context.Registry, where);
        var routing = Route(context.Workflow, context.Registry, where);
        var legalTime = context.Workflow.Procedure.LegalTime;
        var due = context.Calendar.Due(now, legalTime);
        var accepted = new DossierAccepted(state.Id, DossierCode.Of(centre, now, c.RegisterNumber), centre, c.RegisterNumber,
            legalTime, due.DueAt, due.CalendarVersion, context.Actor, now, routing, where.Commune, context.Registry.Version);
        var trigger = new FlowTrigger(centre, context.Actor.User, null);
        return [accepted, .. FlowWalker.Advance(Fold(state, [accepted])!, [(context.Workflow.Intake!.Id, IntakeActivity.Accepted)], trigger, context)];
    }

    /// <summary>
    /// The centre whose register numbers the dossier: the one that received it, or for a dossier that came without one
    /// (online), the desk that accepts it.
    /// </summary>
    public static string? ReceivingCentre(Dossier state, Actor actor) => state.ReceivingAgency ?? (actor.IsDesk ? actor.Agency : null);

    private static IReadOnlyList<object> Refuse(Dossier state, DossierCommand.Refuse c, DecisionContext context)
    {
        Require(state, state.Status is DossierStatus.Submitted or DossierStatus.AwaitingSupplement && state.AcceptedAt is null,
            "Only a dossier not yet received can be refused at the desk; after that, the workflow's rejection path applies.");
        return [new DossierRefused(state.Id, c.Reason, context.Actor, Now(context))];
    }
}
