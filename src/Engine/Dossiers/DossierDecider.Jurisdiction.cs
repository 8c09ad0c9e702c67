using System.Collections.Immutable;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Workflows;

namespace Dossiers.Engine.Dossiers;

/// <summary>
/// Who may act where (NĐ 118/2025): any service centre of the province receives a procedure whose definition allows
/// boundary-free reception; the receiving centre's desk then speaks for the dossier; each step works at the unit its
/// reference resolves to for the dossier's commune, and only that unit's officers act on it.
/// </summary>
public static partial class DossierDecider
{
    /// <summary>The service centre a desk token acts for; refused when the token names none or another kind of unit.</summary>
    private static string DeskCentre(DecisionContext context)
    {
        var agency = context.Actor.Agency;
        if (agency is null)
            throw Forbidden("A desk acts for one service centre, and this token names none (no agency claim). Ask for a token of your centre.");
        if (!context.Registry.IsServiceCentre(agency))
            throw Forbidden(context.Registry.Find(agency) is { } unit
                ? $"Desk commands are for service centres; {agency} ({unit.ShortName ?? unit.Name}) is a {unit.Kind}."
                : $"Desk commands are for service centres; {agency} is not in the agency registry ({context.Registry.Version}).");
        return agency;
    }

    /// <summary>A desk acts only on its own centre's dossiers (and, to return the result, on those picked up there).</summary>
    private static void RequireDesk(Dossier state, DossierCommand command, DecisionContext context)
    {
        var centre = DeskCentre(context);
        if (command is DossierCommand.AcknowledgeTask or DossierCommand.CompleteTask) return;   // a step: its own unit decides
        if (command is DossierCommand.AttachFile) return;   // any unit working on the dossier (DossierDecider.Files)
        if (state.ReceivingAgency is not { } receiving || centre == receiving) return;
        if (command is DossierCommand.ReturnResult && centre == state.PickupCentre) return;
        throw Forbidden($"The dossier was received at {Named(context.Registry, receiving)}; your desk is at {Named(context.Registry, centre)}" +
            (state.PickupCentre is { } pickup && pickup != receiving ? $", and its result is picked up at {Named(context.Registry, pickup)}." : "."));
    }

    /// <summary>
    /// Where a new dossier stands: the desk's centre receives it for the commune given, or for the centre's own commune.
    /// Checks that this centre may receive the procedure and that every step resolves there, so acceptance cannot fail on it.
    /// </summary>
    private static (string? Centre, string? Commune) Reception(DossierCommand.Submit c, DecisionContext context)
    {
        var registry = context.Registry;
        if (c.CompetentCommune is { } given && !registry.IsCommune(given))
            throw Invalid("competentCommune", $"'{given}' is not a commune, ward or special zone of registry {registry.Version} (give its people's committee's code).");
        if (c.PickupCentre is { } pickup && !registry.IsServiceCentre(pickup))
            throw Invalid("pickupCentre", $"'{pickup}' is not a service centre of registry {registry.Version}.");
        if (!context.Actor.IsDesk) return c.ReceivingCentre is { } chosen ? ChosenReception(chosen, c, context) : (null, c.CompetentCommune);
        var centre = DeskCentre(context);
        var commune = c.CompetentCommune ?? registry.CommuneOf(centre)
            ?? throw Invalid("competentCommune", $"is required: {Named(registry, centre)} is a provincial centre, so name the commune competent for the dossier.");
        var where = new Jurisdiction(centre, commune);
        RequireReception(context.Workflow, registry, where);
        Route(context.Workflow, registry, where);
        return (centre, commune);
    }

    /// <summary>
    /// An online dossier whose applicant chose the receiving centre on the national portal: the same checks as at a desk,
    /// but a centre that cannot receive the procedure is bad input (400 naming <c>receivingCentre</c>), not a refusal.
    /// </summary>
    private static (string Centre, string Commune) ChosenReception(string centre, DossierCommand.Submit c, DecisionContext context)
    {
        var registry = context.Registry;
        if (!registry.IsServiceCentre(centre))
            throw Invalid("receivingCentre", registry.Find(centre) is { } unit
                ? $"'{centre}' ({unit.ShortName ?? unit.Name}) is a {unit.Kind}, not a service centre; give the code of the centre the applicant chose."
                : $"'{centre}' is not a service centre of registry {registry.Version}.");
        var commune = c.CompetentCommune ?? registry.CommuneOf(centre)
            ?? throw Invalid("competentCommune", $"is required: {Named(registry, centre)} is a provincial centre, so name the commune competent for the dossier.");
        var where = new Jurisdiction(centre, commune);
        try { RequireReception(context.Workflow, registry, where, "the centre chosen is"); }
        catch (CommandRejected refused) when (refused.Kind == RejectionKind.Forbidden) { throw Invalid("receivingCentre", refused.Message); }
        Route(context.Workflow, registry, where);
        return (centre, commune);
    }

    /// <summary>The dossier's jurisdiction; the receiving centre's own commune for dossiers that predate it.</summary>
    private static Jurisdiction JurisdictionOf(Dossier state, DecisionContext context, string centre) =>
        new(centre, state.CompetentCommune ?? context.Registry.CommuneOf(centre)
            ?? throw Invalid("competentCommune", $"The dossier names no competent commune and {Named(context.Registry, centre)} is a provincial centre."));

    /// <summary>The receiving centre may take this procedure: not pinned to another centre, and within its area when not boundary-free.</summary>
    private static void RequireReception(WorkflowDefinition workflow, AgencyRegistry registry, Jurisdiction where, string whose = "your desk is at")
    {
        if (workflow.Intake!.Agency is AgencyRef.Fixed { Code: var only } && only != where.ReceivingCentre)
            throw Forbidden($"Procedure {workflow.Procedure.Code} ({workflow.Key}) is received only at {Named(registry, only)}; " +
                $"{whose} {Named(registry, where.ReceivingCentre)}.");
        if (!workflow.Procedure.BoundaryFree && !(registry.Find(where.ReceivingCentre)?.Communes.Contains(where.Commune) ?? false))
            throw Forbidden($"Procedure {workflow.Procedure.Code} is received only by a centre serving the competent commune " +
                $"({Named(registry, where.Commune)}); {Named(registry, where.ReceivingCentre)} does not serve it.");
    }

    /// <summary>Resolves every step of a workflow for one dossier: activity id → agency code.</summary>
    private static ImmutableSortedDictionary<string, string> Route(WorkflowDefinition workflow, AgencyRegistry registry, Jurisdiction where)
    {
        var routing = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var step in workflow.Activities.OfType<IRoutedActivity>())
            routing[step.Id] = registry.Resolve(step.Agency, where)
                ?? throw Invalid("competentCommune", $"Step '{step.Id}' of {workflow.Key} works at '{step.Agency}', and registry {registry.Version} " +
                    $"has no such unit for {Named(registry, where.Commune)}.");
        return routing.ToImmutable();
    }

    /// <summary>The agency a step works at for this dossier: as resolved at acceptance, or the fixed code of an older dossier.</summary>
    internal static string AgencyFor(Dossier state, IRoutedActivity step) =>
        state.Routing.GetValueOrDefault(step.Id)
        ?? (step.Agency as AgencyRef.Fixed)?.Code
        ?? throw new CommandRejected(RejectionKind.Conflict,
            $"Step '{step.Id}' works at '{step.Agency}', which was not resolved for this dossier; a controller must migrate it to a version that routes it.");

    private static string Named(AgencyRegistry registry, string code) => registry.Find(code) is { } a ? $"{a.ShortName ?? a.Name} ({code})" : code;

    private static CommandRejected Forbidden(string message) => new(RejectionKind.Forbidden, message);

    private static CommandRejected Invalid(string field, string message) => new(RejectionKind.Invalid, message, field: field);
}
