using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// The rules a definition must meet before any dossier may follow it. Each problem names the file, the activity
/// and what to do, because the reader is an integrator fixing a file, not a developer reading a stack trace.
/// </summary>
public static class WorkflowValidator
{
    public static IReadOnlyList<WorkflowProblem> Validate(WorkflowDefinition definition, AgencyRegistry agencies, string source)
    {
        var problems = new List<WorkflowProblem>();
        var context = new Context(definition, source, problems);
        CheckActivities(context, agencies);
        CheckConnections(context);
        if (definition.Activities.OfType<IntakeActivity>().Count() == 1)
        {
            CheckReachability(context);
            ForkJoinRules.Check(context);
            BudgetRules.Check(context);
        }
        return problems;
    }

    /// <summary>Loads, then validates: everything an integrator needs to hear about one file's text.</summary>
    /// <remarks>
    /// The rules judge only what was read. An activity whose inputs did not read is not judged again (its agency '' or
    /// budget 0 would only echo the first problem), and the graph is judged once every activity and connection has
    /// read (an activity of an unknown type would otherwise show up again as a dangling connection, an unreachable
    /// step, a fork without its branch…).
    /// </remarks>
    public static WorkflowLoadResult LoadAndValidate(string json, string source, AgencyRegistry agencies)
    {
        var loaded = WorkflowLoader.Parse(json, source);
        if (loaded.Definition is null) return loaded;
        if (loaded.Problems.Count == 0) return loaded with { Problems = Validate(loaded.Definition, agencies, source) };
        var unread = loaded.Problems.Where(p => p.ActivityId is not null).Select(p => p.ActivityId!).ToHashSet();
        var context = new Context(loaded.Definition, source, []);
        CheckActivities(context, agencies);
        return loaded with { Problems = [.. loaded.Problems, .. context.Problems.Where(p => p.ActivityId is null || !unread.Contains(p.ActivityId))] };
    }

    internal sealed record Context(WorkflowDefinition Definition, string Source, List<WorkflowProblem> Problems)
    {
        public void Add(string? activityId, string message, string fix) => Problems.Add(new WorkflowProblem(Source, activityId, message, fix));
    }

    private static void CheckActivities(Context c, AgencyRegistry agencies)
    {
        var definition = c.Definition;
        var intakes = definition.Activities.OfType<IntakeActivity>().ToList();
        if (intakes.Count != 1)
            c.Add(null, $"A workflow needs exactly one {ActivityTypes.Intake} (the start); this one has {intakes.Count}.",
                "Keep one intake activity at the one-stop desk and connect its Accepted port to the first step.");
        foreach (var duplicate in definition.Activities.GroupBy(a => a.Id).Where(g => g.Count() > 1))
            c.Add(duplicate.Key, $"Activity id '{duplicate.Key}' is used {duplicate.Count()} times.", "Give every activity a unique id.");

        foreach (var activity in definition.Activities)
        {
            if (activity is IRoutedActivity routed) CheckAgency(c, routed, agencies);
            switch (activity)
            {
                case TaskActivity { Budget.Amount: 0 } task:
                    c.Add(task.Id, "The task has no time budget.", "Give it a budget such as {\"amount\": 1, \"unit\": \"WorkingDays\"}.");
                    break;
                case TaskActivity task when task.Outcomes.Distinct().Count() != task.Outcomes.Count:
                    c.Add(task.Id, "The task lists an outcome twice.", "List each outcome once.");
                    break;
                case DecisionActivity decision when ConditionSandbox.SyntaxError(decision.Condition) is { } error:
                    c.Add(decision.Id, $"The condition is not valid JavaScript: {error}",
                        "Write a boolean expression over 'dossier', e.g. dossier.data.needsVerification === true.");
                    break;
                case ForkActivity { Branches.Count: < 2 } fork:
                    c.Add(fork.Id, "A fork needs at least two branches.", "List the parallel branches' port names in 'branches'.");
                    break;
            }
        }
    }

    /// <summary>A step's agency must resolve for every dossier: a listed code, the receiving centre, or a kind every commune has.</summary>
    private static void CheckAgency(Context c, IRoutedActivity activity, AgencyRegistry agencies)
    {
        const string Notations = $"'{AgencyRef.ReceivingCentreNotation}', '{AgencyRef.CompetentPrefix}<kind>' (e.g. competent:police) or a code from {AgencyRegistry.FileName}";
        switch (activity.Agency)
        {
            case AgencyRef.Fixed { Code: var code } when !agencies.Contains(code):
                c.Add(activity.Id, $"Agency '{code}' is not in the agency registry.", $"Write {Notations}; add a new unit to the registry first.");
                break;
            case AgencyRef.Fixed { Code: var code } when activity is IntakeActivity && !agencies.IsServiceCentre(code):
                c.Add(activity.Id, $"The intake is at '{code}', which is not a service centre.", $"Write '{AgencyRef.ReceivingCentreNotation}': the desk that receives the dossier.");
                break;
            case AgencyRef.Competent when activity is IntakeActivity:
                c.Add(activity.Id, "The intake names a competent unit, but a dossier is received by whichever centre the applicant goes to.",
                    $"Write '{AgencyRef.ReceivingCentreNotation}'.");
                break;
            case AgencyRef.Competent { Kind: var kind }:
                var communes = agencies.Communes.ToList();
                var unserved = communes.Where(commune => agencies.Serving(kind, commune.Code) is null).ToList();
                if (communes.Count == 0 || unserved.Count > 0)
                    c.Add(activity.Id, communes.Count == 0
                            ? $"Agency '{activity.Agency}' cannot be resolved: the registry lists no communes."
                            : $"Agency '{activity.Agency}' cannot be resolved for {unserved.Count} of {communes.Count} communes " +
                              $"(e.g. {string.Join(", ", unserved.Take(3).Select(u => u.ShortName ?? u.Name))}): no unit of kind '{kind}' serves them.",
                        $"Use a kind that serves every commune ({string.Join(", ", ServingKinds(agencies))}), or a fixed code.");
                break;
        }
    }

    private static IEnumerable<string> ServingKinds(AgencyRegistry agencies) =>
        agencies.All.Where(a => a.Communes.Count > 0).Select(a => a.Kind).Distinct().Order(StringComparer.Ordinal)
            .Where(kind => agencies.Communes.All(commune => agencies.Serving(kind, commune.Code) is not null));

    private static void CheckConnections(Context c)
    {
        var definition = c.Definition;
        foreach (var connection in definition.Connections)
        {
            var source = definition.Find(connection.Source);
            if (source is null)
                c.Add(connection.Source, $"A connection starts from '{connection.Source}', which does not exist.", "Remove the connection or fix its source activity id.");
            else if (!source.OutPorts.Contains(connection.Port))
                c.Add(source.Id, $"A connection leaves '{source.Id}' by port '{connection.Port}', which it does not have (ports: {PortList(source)}).",
                    "Use one of the activity's ports, or declare the outcome on the task.");
            if (definition.Find(connection.Target) is null)
                c.Add(connection.Source, $"A connection from '{connection.Source}' goes to '{connection.Target}', which does not exist.", "Fix the connection's target activity id.");
            if (source is IntakeActivity && connection.Port == IntakeActivity.Refused)
                c.Add(source.Id, "The intake's Refused port is connected.",
                    "Remove the connection: a refusal at the desk (Mẫu 03) ends the dossier outside the flowchart.");
            if (definition.Find(connection.Target) is IntakeActivity)
                c.Add(connection.Source, "A connection goes back into the intake.", "Route rework to a task, not to the intake.");
        }
        foreach (var group in definition.Connections.GroupBy(x => (x.Source, x.Port)).Where(g => g.Count() > 1))
            c.Add(group.Key.Source, group.Select(x => x.Target).Distinct().Count() == 1
                    ? $"The connection from port '{group.Key.Port}' to '{group.First().Target}' is written twice."
                    : $"Port '{group.Key.Port}' is connected to {group.Count()} activities ({string.Join(", ", group.Select(x => x.Target))}).",
                group.Select(x => x.Target).Distinct().Count() == 1
                    ? "Remove the duplicate connection."
                    : $"Connect a port to one activity; for parallel work put an {ActivityTypes.Fork} there.");
        foreach (var activity in definition.Activities)
            foreach (var port in activity.OutPorts.Except(activity.OptionalPorts))
                if (!definition.Targets(activity.Id, port).Any())
                    c.Add(activity.Id, activity is DecisionActivity
                            ? $"The decision's '{port}' port is not connected."
                            : $"Port '{port}' of '{activity.Id}' is not connected.",
                        activity is DecisionActivity
                            ? "Connect both True and False: a decision must say where each answer leads."
                            : "Connect it to the next step, or remove the outcome.");
        foreach (var join in definition.Activities.OfType<JoinActivity>())
            if (definition.Incoming(join.Id).Count() < 2)
                c.Add(join.Id, "A join has fewer than two incoming branches.", "Connect each branch of its fork to the join.");
    }

    private static void CheckReachability(Context c)
    {
        var definition = c.Definition;
        var reachable = Walk(definition.Intake!.Id, definition.Successors);
        foreach (var activity in definition.Activities.Where(a => !reachable.Contains(a.Id)))
            c.Add(activity.Id, $"'{activity.Id}' cannot be reached from the intake.", "Connect it from an earlier step, or delete it.");

        var ends = definition.Activities.Where(a => a is ResultActivity or RejectActivity).Select(a => a.Id).ToList();
        if (ends.Count == 0)
            c.Add(null, "The workflow has no end.", $"Add a {ActivityTypes.Result} (and a {ActivityTypes.Reject} where a refusal is possible).");
        var predecessors = definition.Connections.ToLookup(x => x.Target, x => x.Source);
        var finishing = ends.SelectMany(e => Walk(e, id => predecessors[id])).ToHashSet();
        foreach (var activity in definition.Activities.Where(a => reachable.Contains(a.Id) && !finishing.Contains(a.Id)))
            c.Add(activity.Id, $"No path leads from '{activity.Id}' to a result or a rejection.", "Connect its outcomes onward to an end.");
    }

    internal static HashSet<string> Walk(string start, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string> { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
            foreach (var n in next(id))
                if (seen.Add(n)) queue.Enqueue(n);
        return seen;
    }

    private static string PortList(Activity activity) => activity.OutPorts.Count == 0 ? "none" : string.Join(", ", activity.OutPorts);

    internal static decimal Hours(Budget budget) => budget.Unit switch
    {
        TimeUnit.WorkingHours => budget.Amount,
        TimeUnit.WorkingDays => budget.Amount * 8,
        TimeUnit.SameDay => 8,
        // A calendar day holds at most one working day; counting 8 h each keeps the check lenient, never wrong.
        TimeUnit.CalendarDays => budget.Amount * 8,
        _ => budget.Amount,
    };
}
