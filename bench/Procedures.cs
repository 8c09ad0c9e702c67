using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;

namespace Dossiers.Bench;

/// <summary>
/// The shipped workflows, how often each is filed (residence, birth and certified copies dominate a one-stop centre's
/// day), and for each step the outcome that leads to the result by the shortest route (so no rework loop and no rejection).
/// </summary>
public sealed class Procedures
{
    // Relative frequency by procedure code; anything shipped but not listed gets the default.
    private static readonly Dictionary<string, int> Weights = new()
    {
        ["1.004222"] = 20,   // permanent residence
        ["1.004194"] = 15,   // temporary residence
        ["1.001193"] = 20,   // birth
        ["2.000815"] = 25,   // certified copy
    };
    private const int DefaultWeight = 4;

    private readonly List<(WorkflowDefinition Workflow, int Weight)> _weighted;
    private readonly int _totalWeight;
    private readonly Dictionary<(string Key, string Activity), string> _bestOutcome = new();

    public Procedures(string workflowsFolder, string calendarsFolder)
    {
        Calendar = WorkingCalendar.Load(calendarsFolder);
        var agencies = Agencies = AgencyRegistry.Load(Path.Combine(workflowsFolder, AgencyRegistry.FileName));
        var (catalog, problems) = WorkflowCatalog.LoadFolder(workflowsFolder, agencies);
        if (problems.Count > 0) throw new InvalidOperationException($"Shipped workflows invalid: {problems[0]}");
        Catalog = catalog;
        _weighted = [.. catalog.All.GroupBy(w => w.Procedure.Code).Select(g => g.MaxBy(w => w.Version)!)
            .OrderBy(w => w.Procedure.Code, StringComparer.Ordinal)
            .Select(w => (w, Weights.GetValueOrDefault(w.Procedure.Code, DefaultWeight)))];
        _totalWeight = _weighted.Sum(w => w.Weight);
        foreach (var workflow in catalog.All)
            foreach (var task in workflow.Activities.OfType<TaskActivity>())
                _bestOutcome[(workflow.Key, task.Id)] = ShortestToResult(workflow, task);
    }

    public WorkflowCatalog Catalog { get; }

    /// <summary>The shipped working calendar: apologies must offer a new appointment in office hours.</summary>
    public WorkingCalendar Calendar { get; }

    /// <summary>
    /// An apology's new appointment: three working days after the current one, in the middle of that day's first
    /// office period (the API accepts only office time on a working day, within a bounded number of working days).
    /// </summary>
    public DateTimeOffset NewAppointment(DateTimeOffset due)
    {
        var day = DateOnly.FromDateTime(WorkingCalendar.ToVietnam(due).DateTime);
        for (var i = 0; i < 3; i++) day = Calendar.NextWorkingDay(day);
        var period = Calendar.PeriodsOn(day)[0];
        var middle = period.Opens.Add((period.Closes - period.Opens) / 2);
        return new DateTimeOffset(day.ToDateTime(middle), WorkingCalendar.VietnamOffset);
    }

    public AgencyRegistry Agencies { get; }

    public IEnumerable<WorkflowDefinition> Latest => _weighted.Select(w => w.Workflow);

    public WorkflowDefinition Pick(Random random)
    {
        var roll = random.Next(_totalWeight);
        foreach (var (workflow, weight) in _weighted)
            if ((roll -= weight) < 0) return workflow;
        return _weighted[^1].Workflow;
    }

    /// <summary>
    /// The centre whose desk receives a dossier of <paramref name="workflow"/> in the benchmark: the one an older file
    /// pins, otherwise one of three commune centres, fixed by procedure and the officer's <paramref name="seat"/> so that
    /// register contention stays comparable between runs. The officers of a procedure are spread over the centres: a desk
    /// numbers at most 9,999 dossiers a day, and on a fast machine one centre per procedure filled its register within a
    /// full run (the cost phase, last, was then refused with 409s).
    /// </summary>
    public static string IntakeAgency(WorkflowDefinition workflow, int seat = 0) => workflow.Intake?.Agency switch
    {
        null => throw new InvalidOperationException($"{workflow.Key} has no intake."),
        AgencyRef.Fixed pinned => pinned.Code,
        _ => Centres[(workflow.Procedure.Code.Sum(c => c) + seat) % Centres.Length],
    };

    private static readonly string[] Centres = ["004.01.90.H48", "057.01.90.H48", "013.01.90.H48"];   // Cẩm Thành, Kon Tum, Bình Sơn

    public string OutcomeFor(WorkflowDefinition workflow, string activityId) => _bestOutcome[(workflow.Key, activityId)];

    private static string ShortestToResult(WorkflowDefinition workflow, TaskActivity task)
    {
        var results = workflow.Activities.OfType<ResultActivity>().Select(r => r.Id).ToHashSet();
        return task.Outcomes
            .Select(port => (port, distance: workflow.Targets(task.Id, port).Select(t => Distance(workflow, t, results)).DefaultIfEmpty(int.MaxValue).Min()))
            .MinBy(p => p.distance).port;
    }

    private static int Distance(WorkflowDefinition workflow, string from, HashSet<string> goals)
    {
        var seen = new HashSet<string> { from };
        var frontier = new Queue<(string Id, int Depth)>([(from, 0)]);
        while (frontier.TryDequeue(out var node))
        {
            if (goals.Contains(node.Id)) return node.Depth;
            foreach (var next in workflow.Successors(node.Id))
                if (seen.Add(next)) frontier.Enqueue((next, node.Depth + 1));
        }
        return int.MaxValue;
    }
}
