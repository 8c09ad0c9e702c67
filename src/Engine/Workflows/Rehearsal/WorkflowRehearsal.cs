using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows.Rehearsal;

/// <summary>
/// Rehearses a definition before any citizen's dossier follows it: walks every path from the intake to an end, times
/// each step on the real working calendar, and says whether the path fits the procedure's legal time. Pure: the start
/// instant, the calendar and the registry come from the caller.
/// </summary>
/// <remarks>
/// Paths are enumerated by backtracking over the choice points (decisions, and tasks with several outcomes) that are
/// not pinned: each walk takes the first untried option at its last choice point with one left. A fork runs its
/// branches from the same instant; its join continues at the latest arrival (WaitAll) or the earliest (WaitAny). A
/// branch that reaches an end ends the dossier, as the engine does.
/// </remarks>
public static class WorkflowRehearsal
{
    public const int MaxPaths = 64;
    public const int MaxStepsPerPath = 500;

    public const string PaymentNote = "The legal clock stops while the applicant pays: the wait counts no time here.";

    /// <summary>What is wrong with the pinned outcomes, per activity id; empty when they can be followed.</summary>
    public static IReadOnlyDictionary<string, string> PinProblems(WorkflowDefinition definition, IReadOnlyDictionary<string, IReadOnlyList<string>>? outcomes)
    {
        var problems = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (activityId, ports) in outcomes ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var activity = definition.Find(activityId);
            if (activity is null)
                problems[activityId] = $"is not an activity of {definition.Key}; choice points: {ChoicePointList(definition)}.";
            else if (activity is not (TaskActivity or DecisionActivity))
                problems[activityId] = $"is a {activity.Type}, which chooses no port; choice points: {ChoicePointList(definition)}.";
            else if (ports.Count == 0)
                problems[activityId] = $"names no port; '{activityId}' has ports {string.Join(", ", activity.OutPorts)}.";
            else if (ports.FirstOrDefault(p => !activity.OutPorts.Contains(p)) is { } unknown)
                problems[activityId] = $"has no port '{unknown}'; its ports are {string.Join(", ", activity.OutPorts)}.";
        }
        return problems;
    }

    /// <summary>Every path (at most <see cref="MaxPaths"/>). Pinned outcomes must pass <see cref="PinProblems"/> first.</summary>
    public static WorkflowRehearsalResult Run(WorkflowDefinition definition, WorkingCalendar calendar, AgencyRegistry agencies, RehearsalOptions options)
    {
        if (PinProblems(definition, options.Outcomes) is { Count: > 0 } problems)
            throw new ArgumentException("Pinned outcomes cannot be followed: " +
                string.Join("; ", problems.Select(p => $"'{p.Key}' {p.Value}")), nameof(options));

        var start = WorkingCalendar.ToVietnam(options.Start);
        var legalTime = definition.Procedure.LegalTime;
        var legalHours = WorkflowValidator.Hours(legalTime);
        var legalDue = calendar.Due(start, legalTime).DueAt;
        if (definition.Intake is not { } intake)   // only an invalid definition has none: nothing to walk
            return new WorkflowRehearsalResult(definition.DefinitionId, definition.Version, start, legalTime, legalHours, legalDue,
                calendar.Version, [], AllFit: false, Truncated: false);
        var where = WhereReceived(agencies, options);

        var paths = new List<RehearsedPath>();
        var prefix = new List<int>();
        var truncated = false;
        while (true)
        {
            var walk = new PathWalk(definition, calendar, agencies, where, options.Outcomes, prefix);
            var arrival = walk.Walk(intake.Id, start, branch: null, awaitedJoin: null);
            paths.Add(PathOf(paths.Count + 1, walk, arrival, calendar, legalHours, legalDue));
            truncated |= arrival.Kind == ArrivalKind.Capped;

            var next = NextPrefix(walk.Taken, walk.Arities);
            if (next is null) break;
            if (paths.Count == MaxPaths) { truncated = true; break; }
            prefix = next;
        }
        return new WorkflowRehearsalResult(definition.DefinitionId, definition.Version, start, legalTime, legalHours, legalDue,
            calendar.Version, paths, paths.All(p => p.Fits), truncated);
    }

    // The last choice point with an option left moves on to it; everything after it is walked afresh.
    private static List<int>? NextPrefix(IReadOnlyList<int> taken, IReadOnlyList<int> arities)
    {
        for (var i = taken.Count - 1; i >= 0; i--)
            if (taken[i] + 1 < arities[i])
                return [.. taken.Take(i), taken[i] + 1];
        return null;
    }

    private static RehearsedPath PathOf(int number, PathWalk walk, Arrival arrival, WorkingCalendar calendar, decimal legalHours, DateTimeOffset legalDue)
    {
        var endsAt = arrival.At;
        var overrun = Math.Max(arrival.Hours - legalHours, endsAt > legalDue ? (decimal)calendar.WorkingTimeBetween(legalDue, endsAt).TotalHours : 0m);
        var fits = arrival.Kind == ArrivalKind.End && arrival.Hours <= legalHours && endsAt <= legalDue;
        var end = arrival.Reached is { } e ? new RehearsedEnd(e.Id, e.Type, e.Label) : null;
        return new RehearsedPath(number, walk.Choices, walk.Steps, end, arrival.Hours, legalHours, legalDue, endsAt, fits,
            Math.Round(Math.Max(overrun, 0m), 2), arrival.Kind == ArrivalKind.Capped);
    }

    /// <summary>
    /// The receiving centre and the commune, as far as the options tell them: a centre gives its own commune, a commune
    /// its own centre. Either may stay unknown; the steps that need it then name only their notation.
    /// </summary>
    private static (string? Centre, string? Commune) WhereReceived(AgencyRegistry agencies, RehearsalOptions options)
    {
        var commune = options.Commune ?? (options.ReceivingCentre is { } c ? agencies.CommuneOf(c) : null);
        var centre = options.ReceivingCentre ?? (commune is not null ? agencies.Serving(AgencyKinds.ServiceCentre, commune)?.Code : null);
        return (centre, commune);
    }

    private static string ChoicePointList(WorkflowDefinition definition)
    {
        var points = definition.Activities.Where(IsChoicePoint).Select(a => $"{a.Id} ({string.Join("|", a.OutPorts)})").ToList();
        return points.Count == 0 ? "none" : string.Join(", ", points);
    }

    internal static bool IsChoicePoint(Activity activity) =>
        activity is DecisionActivity || activity is TaskActivity { Outcomes.Count: > 1 };

    internal enum ArrivalKind { End, AtJoin, DeadEnd, Capped }

    /// <summary>
    /// Where a walk of one line (the main line or a branch) stopped, when, and the budget it spent. <paramref name="Reached"/>
    /// is the end reached, or the join a fork's walk passed.
    /// </summary>
    internal sealed record Arrival(ArrivalKind Kind, DateTimeOffset At, decimal Hours, Activity? Reached = null);

    /// <summary>One walk through the flowchart, taking the prefix's options at the first unpinned choice points and the first option after.</summary>
    private sealed class PathWalk(WorkflowDefinition definition, WorkingCalendar calendar, AgencyRegistry agencies,
        (string? Centre, string? Commune) where, IReadOnlyDictionary<string, IReadOnlyList<string>>? pins, IReadOnlyList<int> prefix)
    {
        private readonly HashSet<string> _visited = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _visits = new(StringComparer.Ordinal);
        private readonly HashSet<(string Activity, string Port)> _looped = [];
        private (string Activity, string Port)? _lastChoice;
        private readonly Dictionary<string, List<string>> _choices = new(StringComparer.Ordinal);

        public List<RehearsedStep> Steps { get; } = [];
        public List<int> Taken { get; } = [];
        public List<int> Arities { get; } = [];

        public IReadOnlyDictionary<string, IReadOnlyList<string>> Choices =>
            _choices.ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value, StringComparer.Ordinal);

        /// <summary>Walks one line from an activity until an end, the awaited join of the enclosing fork, or a dead end.</summary>
        public Arrival Walk(string activityId, DateTimeOffset at, string? branch, string? awaitedJoin)
        {
            var hours = 0m;
            var t = at;
            string? current = activityId;
            while (true)
            {
                if (current is null || definition.Find(current) is not { } activity) return new Arrival(ArrivalKind.DeadEnd, t, hours);
                if (Steps.Count >= MaxStepsPerPath) return new Arrival(ArrivalKind.Capped, t, hours);
                if (activity is JoinActivity && activity.Id == awaitedJoin) return new Arrival(ArrivalKind.AtJoin, t, hours);
                // Back on the path: a rework loop, closed by the last choice made (the steps between chose nothing).
                if (!_visited.Add(activity.Id) && _lastChoice is { } closing) _looped.Add(closing);
                switch (activity)
                {
                    case IntakeActivity intake:
                        t = Step(intake, intake.Budget, t, IntakeActivity.Accepted, branch);
                        hours += Hours(intake.Budget);
                        current = Next(intake, IntakeActivity.Accepted);
                        break;
                    case TaskActivity task:
                        var port = Choose(task);
                        t = Step(task, task.Budget, t, port, branch);
                        hours += Hours(task.Budget);
                        current = Next(task, port);
                        break;
                    case DecisionActivity decision:
                        var answer = Choose(decision);
                        Step(decision, null, t, answer, branch);
                        current = Next(decision, answer);
                        break;
                    case AwaitPaymentActivity payment:
                        Step(payment, null, t, AwaitPaymentActivity.Paid, branch, PaymentNote);
                        current = Next(payment, AwaitPaymentActivity.Paid);
                        break;
                    case ForkActivity fork:
                        var joined = Fork(fork, t, branch);
                        if (joined.Kind != ArrivalKind.AtJoin) return joined with { Hours = hours + joined.Hours };
                        hours += joined.Hours;
                        t = joined.At;
                        current = joined.Reached is { } join ? Next(join, JoinActivity.Done) : null;
                        break;
                    case JoinActivity stray:
                        // A join reached without its fork (a decision that skips the parallel part): nothing to wait for.
                        Step(stray, null, t, JoinActivity.Done, branch);
                        current = Next(stray, JoinActivity.Done);
                        break;
                    case ResultActivity or RejectActivity:
                        Step(activity, null, t, null, branch);
                        return new Arrival(ArrivalKind.End, t, hours, activity);
                    default:
                        return new Arrival(ArrivalKind.DeadEnd, t, hours);
                }
            }
        }

        /// <summary>
        /// Runs every branch from the same instant. The answer is AtJoin (with the join as its activity) when the flow
        /// continues past the join, or the branch end that ended the dossier first.
        /// </summary>
        private Arrival Fork(ForkActivity fork, DateTimeOffset at, string? branch)
        {
            var joinId = ForkJoinRules.JoinOf(definition, fork);
            var join = joinId is null ? null : definition.Find(joinId) as JoinActivity;
            var mode = join?.Mode ?? JoinMode.WaitAll;
            Step(fork, null, at, null, branch, $"Runs {string.Join(", ", fork.Branches)} in parallel from here.");

            var arrivals = new List<Arrival>();
            foreach (var port in fork.Branches)
            {
                var arrival = Walk(Next(fork, port) ?? "", at, $"{fork.Id}/{port}", joinId);
                arrivals.Add(arrival);
                if (arrival.Kind == ArrivalKind.Capped) return arrival;
            }
            var atJoin = arrivals.Where(a => a.Kind == ArrivalKind.AtJoin).ToList();
            var firstEnd = arrivals.Where(a => a.Kind == ArrivalKind.End).MinBy(a => a.At);
            DateTimeOffset? proceeds = atJoin.Count == 0 ? null : mode == JoinMode.WaitAll ? atJoin.Max(a => a.At) : atJoin.Min(a => a.At);
            // A branch that reaches an end resolves the dossier, unless a WaitAny join already let the flow on.
            if (firstEnd is not null && (proceeds is null || mode == JoinMode.WaitAll || firstEnd.At <= proceeds)) return firstEnd;
            if (proceeds is not { } continuesAt || join is null) return new Arrival(ArrivalKind.DeadEnd, at, arrivals.Select(a => a.Hours).DefaultIfEmpty().Max());

            Step(join, null, continuesAt, JoinActivity.Done, branch, mode == JoinMode.WaitAll
                ? $"WaitAll: continues when the last of {atJoin.Count} branches arrives."
                : $"WaitAny: continues when the first of {atJoin.Count} branches arrives.");
            // Parallel branches count as their longest, as the validator's budget rule counts them.
            return new Arrival(ArrivalKind.AtJoin, continuesAt, atJoin.Max(a => a.Hours), join);
        }

        private string Choose(Activity activity)
        {
            var visit = _visits.GetValueOrDefault(activity.Id);
            _visits[activity.Id] = visit + 1;
            string port;
            if (pins?.GetValueOrDefault(activity.Id) is { Count: > 0 } pinned)
                port = pinned[Math.Min(visit, pinned.Count - 1)];
            else if (!IsChoicePoint(activity))
                return activity.OutPorts.FirstOrDefault() ?? "";
            else
            {
                var options = Options(activity);
                var index = Taken.Count < prefix.Count ? Math.Min(prefix[Taken.Count], options.Count - 1) : 0;
                Taken.Add(index);
                Arities.Add(options.Count);
                port = options[index];
            }
            _lastChoice = (activity.Id, port);
            (_choices.TryGetValue(activity.Id, out var list) ? list : _choices[activity.Id] = []).Add(port);
            return port;
        }

        // A port that led back once (a rework loop) is not tried again at that choice point, unless nothing else is left.
        private List<string> Options(Activity activity)
        {
            var fresh = activity.OutPorts.Where(p => !_looped.Contains((activity.Id, p))).ToList();
            return fresh.Count == 0 ? [.. activity.OutPorts] : fresh;
        }

        private string? Next(Activity activity, string port) => definition.Targets(activity.Id, port).FirstOrDefault();

        /// <summary>Records a step from <paramref name="at"/> to its due instant on the calendar (the same instant without a budget).</summary>
        private DateTimeOffset Step(Activity activity, Budget? budget, DateTimeOffset at, string? port, string? branch, string? note = null)
        {
            var due = budget is null ? at : calendar.Due(at, budget).DueAt;
            Steps.Add(new RehearsedStep(activity.Id, activity.Type, activity.Label, Agency(activity), budget, Hours(budget),
                at, due, port, branch, note));
            return due;
        }

        private StepAgency? Agency(Activity activity)
        {
            if (activity is not IRoutedActivity { Agency: var reference }) return null;
            var code = reference switch
            {
                AgencyRef.ReceivingCentre when where.Centre is null => null,
                AgencyRef.Competent when where.Commune is null => null,
                _ => agencies.Resolve(reference, new Jurisdiction(where.Centre ?? "", where.Commune ?? "")),
            };
            var unit = code is null ? null : agencies.Find(code);
            return new StepAgency(reference.Notation, unit?.Code, unit is null ? null : unit.ShortName ?? unit.Name);
        }

        private static decimal Hours(Budget? budget) => budget is null ? 0m : WorkflowValidator.Hours(budget);
    }
}
