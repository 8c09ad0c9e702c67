namespace Dossiers.Engine.Workflows;

/// <summary>
/// The published internal process must fit the legal time: along every path from the intake to an end, the step
/// budgets (in working hours; parallel branches count as their longest) must not exceed the procedure's legal time.
/// Waiting for payment counts nothing: the legal clock does not run then.
/// </summary>
internal static class BudgetRules
{
    public static void Check(WorkflowValidator.Context c)
    {
        var definition = c.Definition;
        var legal = WorkflowValidator.Hours(definition.Procedure.LegalTime);
        var (hours, path) = Longest(definition, definition.Intake!.Id, [], []);
        if (hours > legal)
            c.Add(path.LastOrDefault(a => definition.Find(a) is TaskActivity),
                $"The steps along {string.Join(" → ", path)} budget {hours:0.####} working hours, more than the legal time " +
                $"of {definition.Procedure.LegalTime.Amount:0.####} {definition.Procedure.LegalTime.Unit} ({legal:0.####} h).",
                "Shorten the step budgets on that path so that they fit the legal time.");
    }

    // Longest path by budget, a rework loop counted once. Each activity's longest way to an end is computed once
    // (memo), so a definition sent by anybody is judged in linear time: without it, a ladder of decisions doubles the
    // paths at every rung.
    private static (decimal Hours, List<string> Path) Longest(WorkflowDefinition definition, string id, HashSet<string> onPath,
        Dictionary<string, (decimal, List<string>)> memo)
    {
        if (memo.TryGetValue(id, out var known)) return known;
        if (!onPath.Add(id)) return (0, []);
        var own = definition.Find(id) switch
        {
            TaskActivity t => WorkflowValidator.Hours(t.Budget),
            IntakeActivity { Budget: { } b } => WorkflowValidator.Hours(b),
            _ => 0m,
        };
        var best = (Hours: 0m, Path: new List<string>());
        foreach (var next in definition.Successors(id).Distinct())
        {
            var candidate = Longest(definition, next, onPath, memo);
            if (candidate.Hours > best.Hours || best.Path.Count == 0) best = candidate;
        }
        onPath.Remove(id);
        return memo[id] = (own + best.Hours, [id, .. best.Path]);
    }
}
