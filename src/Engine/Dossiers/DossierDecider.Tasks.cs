using Dossiers.Engine.Workflows;

namespace Dossiers.Engine.Dossiers;

public static partial class DossierDecider
{
    private static IReadOnlyList<object> Acknowledge(Dossier state, DossierCommand.AcknowledgeTask c, DecisionContext context)
    {
        var task = OpenTaskOf(state, c.TaskId, context.Actor);
        if (task.Acknowledged) return [];   // a repeated acknowledgement changes nothing
        return [new TaskAcknowledged(state.Id, task.TaskId, task.Agency, context.Actor, Now(context))];
    }

    private static IReadOnlyList<object> Complete(Dossier state, DossierCommand.CompleteTask c, DecisionContext context)
    {
        var task = OpenTaskOf(state, c.TaskId, context.Actor);
        Require(state, state.Pause is null, $"The clock is paused ({state.Pause?.Reason}); record the {state.Pause?.Reason.ToString().ToLowerInvariant()} first.");
        var activity = context.Workflow.Find(task.ActivityId);
        if (activity is null || !activity.OutPorts.Contains(c.Outcome))
            throw new CommandRejected(RejectionKind.Conflict,
                $"Outcome '{c.Outcome}' is not an outcome of step '{task.ActivityId}'.",
                activity?.OutPorts.Select(p => $"{DossierActions.Complete}:{p}").ToList() ?? [], "outcome");

        var now = Now(context);
        var events = new List<object>();
        // Completing a hand-over nobody acknowledged is also its receipt: the slip needs both halves.
        if (!task.Acknowledged) events.Add(new TaskAcknowledged(state.Id, task.TaskId, task.Agency, context.Actor, now));
        events.Add(new TaskCompleted(state.Id, task.TaskId, task.ActivityId, task.Agency, c.Outcome, c.Note, task.DueAt,
            context.Calendar.Classify(now, task.DueAt), context.Actor, now));
        var trigger = new FlowTrigger(task.Agency, context.Actor.User, task.TaskId);
        events.AddRange(FlowWalker.Advance(Fold(state, events)!, [(task.ActivityId, c.Outcome)], trigger, context));
        return events;
    }

    /// <summary>The open task, if the actor may act on it: officers (and desk staff) only at their own agency.</summary>
    private static OpenTask OpenTaskOf(Dossier state, string taskId, Actor actor)
    {
        Require(state, state.Status is DossierStatus.Received or DossierStatus.InProcess or DossierStatus.AwaitingSupplement or DossierStatus.AwaitingPayment,
            $"The dossier has no work in progress ({state.Status}).");
        Require(state, !state.ClosedTasks.Contains(taskId), $"Task '{taskId}' is already closed: someone completed it, or the flow moved on.");
        if (!state.Tasks.TryGetValue(taskId, out var task))
            throw new CommandRejected(RejectionKind.NotFound, $"Task '{taskId}' is not open on this dossier (open: {string.Join(", ", state.Tasks.Keys.Order())}).");
        if (actor.Agency != task.Agency)
            throw new CommandRejected(RejectionKind.Forbidden, $"Task '{taskId}' belongs to agency {task.Agency}; you act for {actor.Agency ?? "no agency"}.");
        return task;
    }

    private static IReadOnlyList<object> Migrate(Dossier state, DossierCommand.MigrateVersion c, DecisionContext context)
    {
        var target = c.Target;
        Require(state, AllowedActions(state).Contains(DossierActions.Migrate),
            "Only a dossier still being processed can move to another workflow version.");
        if (target.DefinitionId != state.DefinitionId || target.Version == state.DefinitionVersion)
            throw new CommandRejected(RejectionKind.Invalid, $"Choose another version of {state.DefinitionId} than v{state.DefinitionVersion}.", field: "toVersion");
        Require(state, state.JoinArrivals.IsEmpty, "Parallel branches are waiting at a join; finish the parallel work before migrating.");

        foreach (var activityId in state.ActiveSteps)
        {
            if (!c.StepMapping.TryGetValue(activityId, out var mapped))
                throw new CommandRejected(RejectionKind.Invalid, $"Active step '{activityId}' is not mapped to a step of v{target.Version}.", field: $"stepMapping.{activityId}");
            var from = context.Workflow.Find(activityId);
            if (target.Find(mapped) is not { } to || to.GetType() != from?.GetType())
                throw new CommandRejected(RejectionKind.Invalid, $"'{mapped}' is not a step of the same kind in v{target.Version}.", field: $"stepMapping.{activityId}");
        }
        // The new version's steps may work elsewhere: resolve them for this dossier, and move each open task whose
        // step now belongs to another unit, so only that unit's officers can act on it.
        var centre = state.ReceivingAgency ?? throw Conflict(state, "The dossier has no receiving centre yet.");
        var routing = Route(target, context.Registry, JurisdictionOf(state, context, centre));
        var now = Now(context);
        var changed = new WorkflowVersionChanged(state.Id, state.DefinitionId, state.DefinitionVersion, target.Version, c.StepMapping, c.Reason,
            context.Actor, now, routing);
        var moves = state.Tasks.Values.OrderBy(t => t.TaskId, StringComparer.Ordinal)
            .Select(t => (Task: t, To: routing.GetValueOrDefault(c.StepMapping[t.ActivityId]) ?? t.Agency))
            .Where(m => m.To != m.Task.Agency)
            .Select(m => new TaskReassigned(state.Id, m.Task.TaskId, m.Task.Agency, m.To,
                $"v{state.DefinitionVersion} → v{target.Version}: step '{c.StepMapping[m.Task.ActivityId]}' works at {m.To}", context.Actor, now));
        return [changed, .. moves];
    }
}
