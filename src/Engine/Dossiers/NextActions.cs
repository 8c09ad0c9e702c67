using Dossiers.Engine.Workflows;
using A = Dossiers.Engine.Dossiers.DossierActions;

namespace Dossiers.Engine.Dossiers;

/// <summary>
/// What one caller may do next, on the dossier and on each of its open tasks: what the status allows
/// (<see cref="DossierDecider.AllowedActions"/>), narrowed by the caller's role and unit and by the procedure.
/// The screens show these as buttons and a 409 lists them, so an action offered here is one the decider accepts
/// given valid input; the decider stays the judge.
/// </summary>
public static class NextActions
{
    public static IReadOnlyList<string> For(Dossier state, Actor actor, ProcedureInfo procedure)
    {
        var desk = IsDeskOf(state, actor);
        var holdsStep = state.Tasks.Values.Any(t => t.Agency == actor.Agency);
        var actsOnDossier = desk || (actor.IsOfficer && holdsStep);
        var taskActions = state.Tasks.Values.SelectMany(t => ForTask(state, t, actor)).ToHashSet();
        return [.. DossierDecider.AllowedActions(state).Where(action => action switch
        {
            A.Accept or A.Refuse or A.Withdrawal or A.Stop or A.Supplement or A.Payment => desk,
            A.Return => desk || (actor.IsDesk && actor.Agency is { } centre && centre == state.PickupCentre),
            A.SupplementRequest => state.Status == DossierStatus.Submitted ? desk && state.IntakeSupplements == 0 : actsOnDossier,
            A.PaymentRequest => actsOnDossier && procedure.Pauses.Payment,
            A.Apology => actsOnDossier && state.Reschedules < procedure.Rules.MaxReschedules,
            A.Acknowledge or A.Complete => taskActions.Contains(action),
            A.Migrate => actor.ManagesVersions,
            _ => throw new InvalidOperationException($"Action '{action}' has no rule for who may take it."),
        })];
    }

    /// <summary>On one open task: only its own unit's officers (or desk, for a step at the centre) act on it.</summary>
    public static IReadOnlyList<string> ForTask(Dossier state, OpenTask task, Actor actor)
    {
        if (!(actor.IsOfficer || actor.IsDesk) || actor.Agency != task.Agency) return [];
        var actions = new List<string>(2);
        if (!task.Acknowledged) actions.Add(A.Acknowledge);
        if (state.Pause is null) actions.Add(A.Complete);
        return actions;
    }

    // Dossiers from before jurisdiction name no receiving centre: any desk speaks for them, as the decider allows.
    private static bool IsDeskOf(Dossier state, Actor actor) =>
        actor.IsDesk && actor.Agency is { } centre && (state.ReceivingAgency is null || centre == state.ReceivingAgency);
}
