using Dossiers.Engine.Workflows;

namespace Dossiers.Engine.Dossiers;

public static partial class DossierDecider
{
    private static DossierSubmitted Submitted(Guid id, DossierCommand.Submit c, DecisionContext context)
    {
        var now = Now(context);
        var (centre, commune) = Reception(c, context);
        // An online dossier must be answered at the desk (accepted, refused or sent back for supplement) within the
        // procedure's online intake time, 8 working hours unless its rules say otherwise (docs/deadlines.md).
        var acceptanceDue = c.Channel == Channel.Online
            ? context.Calendar.Due(now, Calendars.Budget.WorkingHours(context.Workflow.Procedure.Rules.OnlineIntakeWorkingHours)).DueAt
            : (DateTimeOffset?)null;
        return new DossierSubmitted(id, c.ProcedureCode, context.Workflow.DefinitionId, context.Workflow.Version, c.Channel, c.Applicant,
            c.Documents, c.DataJson, context.Actor, now, acceptanceDue, context.Calendar.Version, context.Workflow.Procedure.Name,
            centre, commune, c.PickupCentre, context.Registry.Version, c.PortalReference);
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
        return [accepted, .. LateIntake(state, centre, "accepted", context),
            .. FlowWalker.Advance(Fold(state, [accepted])!, [(context.Workflow.Intake!.Id, IntakeActivity.Accepted)], trigger, context)];
    }

    /// <summary>
    /// The desk's first answer to an online dossier (accepted, refused, sent back for supplement) after its intake
    /// deadline: recorded beside the answer, from this decision's clock. Nothing for a timely answer or a later one.
    /// </summary>
    internal static IEnumerable<object> LateIntake(Dossier state, string centre, string answer, DecisionContext context)
    {
        var now = Now(context);
        if (state.AcceptanceDueAt is not { } due || state.IntakeAnsweredAt is not null || now <= due) yield break;
        yield return new OnlineIntakeLate(state.Id, centre, answer, due, now, context.Calendar.WorkingTimeBetween(due, now));
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
        return [new DossierRefused(state.Id, c.Reason, context.Actor, Now(context)),
            .. LateIntake(state, ReceivingCentre(state, context.Actor) ?? context.Actor.Agency ?? "", "refused", context)];
    }
}
