using System.Text.Json;
using System.Text.Json.Nodes;
using Dossiers.Engine.Workflows;

namespace Dossiers.Engine.Dossiers;

/// <summary>Where the flow was pushed from: the agency and person that hand over to the next step.</summary>
public sealed record FlowTrigger(string FromAgency, string FromUser, string? FromTaskId);

/// <summary>
/// Moves a dossier through its flowchart from the ports just taken until every path waits on people (a task, a
/// payment) or ends. Each emitted event is folded into a working copy of the state at once, so later steps of the
/// same walk see it. Joins wait only for branches that can still arrive: a branch a decision skipped is not waited for.
/// </summary>
internal sealed class FlowWalker
{
    private readonly DecisionContext _context;
    private readonly FlowTrigger _trigger;
    private readonly List<object> _events = [];
    private readonly Queue<(string Activity, string From)> _queue = new();
    private Dossier _state;
    private bool _paymentPause;

    private FlowWalker(Dossier state, FlowTrigger trigger, DecisionContext context)
    {
        _state = state;
        _trigger = trigger;
        _context = context;
    }

    private WorkflowDefinition Workflow => _context.Workflow;
    private DateTimeOffset Now => Calendars.WorkingCalendar.ToVietnam(_context.Now);

    public static IReadOnlyList<object> Advance(Dossier state, IEnumerable<(string Activity, string Port)> exits, FlowTrigger trigger, DecisionContext context)
    {
        var walker = new FlowWalker(state, trigger, context);
        foreach (var (activity, port) in exits) walker.Follow(activity, port);
        walker.Run();
        return walker._events;
    }

    private void Follow(string activity, string port)
    {
        foreach (var target in Workflow.Targets(activity, port)) _queue.Enqueue((target, activity));
    }

    private void Run()
    {
        do
        {
            while (_state.Status != DossierStatus.Resolved && _queue.TryDequeue(out var next))
                Enter(next.Activity, next.From);
        } while (_state.Status != DossierStatus.Resolved && CompleteReadyJoins());
        // The clock stops once the walk is over, so tasks this walk activated in parallel branches stop with it.
        if (_paymentPause && _state.Status != DossierStatus.Resolved && _state.Pause is null)
            Emit(DossierDecider.Paused(_state, PauseReason.Payment, _context));
    }

    private void Emit(object @event)
    {
        _events.Add(@event);
        _state = Dossier.Evolve(_state, @event)!;
    }

    private void Enter(string activityId, string from)
    {
        var id = _state.Id;
        switch (Workflow[activityId])
        {
            case TaskActivity task:
                var count = _state.Activations.GetValueOrDefault(task.Id) + 1;
                var due = _context.Calendar.Due(Now, task.Budget);
                var agency = DossierDecider.AgencyFor(_state, task);
                var handOver = agency == _trigger.FromAgency ? null : new HandOver(_trigger.FromAgency, _trigger.FromUser, _trigger.FromTaskId);
                Emit(new TaskActivated(id, count == 1 ? task.Id : $"{task.Id}-{count}", task.Id, agency, task.Role, task.Title,
                    task.Budget, due.DueAt, due.CalendarVersion, handOver, Now));
                break;
            case DecisionActivity decision:
                var port = Evaluate(decision) ? DecisionActivity.True : DecisionActivity.False;
                Emit(new DecisionTaken(id, decision.Id, port, Now));
                Follow(decision.Id, port);
                break;
            case ForkActivity fork:
                Emit(new ForkActivated(id, fork.Id, fork.Branches, ForkJoinRules.JoinOf(Workflow, fork), Now));
                foreach (var branch in fork.Branches) Follow(fork.Id, branch);
                break;
            case JoinActivity join when !_state.CompletedJoins.Contains(join.Id):
                Emit(new JoinArrived(id, join.Id, from, Now));
                break;
            case JoinActivity:
                break;   // a WaitAny join already let the flow through: late branches stop here
            case AwaitPaymentActivity payment:
                Emit(new PaymentRequested(id, payment.Id, DossierDecider.AgencyFor(_state, payment), null, payment.Label, new Actor(_trigger.FromUser, "workflow", _trigger.FromAgency), Now));
                _paymentPause = true;
                break;
            case ResultActivity or RejectActivity:
                Finish(activityId);
                break;
            case IntakeActivity:
                throw new CommandRejected(RejectionKind.Conflict, $"The flow came back to the intake '{activityId}'; a workflow may not loop to its intake.");
            case var unknown:
                // Never a silent stop: a new activity type must say here what entering it does.
                throw new InvalidOperationException($"The flow walker has no rule for activity type {unknown.Type} ('{unknown.Id}').");
        }
    }

    private void Finish(string activityId)
    {
        foreach (var task in _state.Tasks.Keys.Order().ToList())
            Emit(new TaskCancelled(_state.Id, task, "the dossier reached its result", Now));
        var calendar = _context.Calendar;
        var due = _state.DueAt!.Value;
        var legalDue = _state.LegalDueAt ?? due;
        var handling = calendar.WorkingTimeBetween(_state.AcceptedAt!.Value, Now) - _state.PausedWorkingTime;
        Emit(new ResultReady(_state.Id, activityId, Workflow[activityId] is RejectActivity ? ResultKind.Rejected : ResultKind.Granted,
            due, calendar.Classify(Now, due), Now, legalDue, calendar.Classify(Now, legalDue), handling));
        _queue.Clear();
    }

    /// <summary>Lets through every join whose wait is over; true when the flow moved on.</summary>
    private bool CompleteReadyJoins()
    {
        var moved = false;
        foreach (var (joinId, arrived) in _state.JoinArrivals.OrderBy(j => j.Key, StringComparer.Ordinal).ToList())
        {
            var join = (JoinActivity)Workflow[joinId];
            if (join.Mode == JoinMode.WaitAll && StillComing(joinId)) continue;
            if (join.Mode == JoinMode.WaitAny)
                foreach (var task in _state.Tasks.Values.Where(t => Workflow.CanReach(t.ActivityId, joinId)).Select(t => t.TaskId).Order().ToList())
                    Emit(new TaskCancelled(_state.Id, task, $"another branch completed join '{joinId}'", Now));
            Emit(new JoinCompleted(_state.Id, joinId, arrived, Now));
            Follow(joinId, JoinActivity.Done);
            moved = true;
        }
        return moved;
    }

    // A branch can still arrive if some open task, awaited payment or queued step can reach the join.
    private bool StillComing(string joinId) =>
        _state.Tasks.Values.Any(t => Workflow.CanReach(t.ActivityId, joinId))
        || (_state.AwaitingPaymentActivity is { } paying && Workflow.CanReach(paying, joinId))
        || _queue.Any(q => q.Activity == joinId || Workflow.CanReach(q.Activity, joinId));

    private bool Evaluate(DecisionActivity decision)
    {
        try { return ConditionSandbox.Evaluate(decision.Condition, DossierJson()); }
        catch (ConditionFailed e)
        {
            throw new CommandRejected(RejectionKind.Conflict,
                $"The workflow's decision '{decision.Id}' could not be evaluated ({e.Message}); nothing was recorded. Ask the integrator to fix the condition.");
        }
    }

    /// <summary>The read-only view conditions see (docs/workflows.md §3).</summary>
    private string DossierJson()
    {
        var view = new JsonObject
        {
            ["procedureCode"] = _state.ProcedureCode,
            ["channel"] = _state.Channel.ToString().ToLowerInvariant(),
            ["data"] = _state.DataJson is { } data ? JsonNode.Parse(data) : new JsonObject(),
            ["documents"] = JsonSerializer.SerializeToNode(_state.Documents.Select(d => new { name = d.Name, kind = d.Kind.ToString().ToLowerInvariant(), digitized = d.Digitized })),
            ["outcomes"] = new JsonObject(_state.Outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))),
        };
        return view.ToJsonString();
    }
}
