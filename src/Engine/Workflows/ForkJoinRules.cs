namespace Dossiers.Engine.Workflows;

/// <summary>
/// Every fork's branches must meet again at one join of that fork (properly nested), so the engine always knows
/// which branches a join waits for. A branch path may also stop at an end (a rejection inside a branch).
/// </summary>
internal static class ForkJoinRules
{
    public static void Check(WorkflowValidator.Context c)
    {
        var definition = c.Definition;
        foreach (var fork in definition.Activities.OfType<ForkActivity>())
        {
            var joins = new HashSet<string>();
            foreach (var branch in fork.Branches)
                foreach (var target in definition.Targets(fork.Id, branch))
                    CollectJoins(definition, target, depth: 0, joins, new HashSet<(string, int)>());
            if (joins.Count == 0)
                c.Add(fork.Id, "The fork's branches never meet at a join.", $"Bring every branch to one {ActivityTypes.Join}.");
            else if (joins.Count > 1)
                c.Add(fork.Id, $"The fork's branches meet at different joins ({string.Join(", ", joins.Order())}).",
                    "Bring every branch of one fork to the same join; nest inner forks inside a branch.");
        }
        foreach (var join in definition.Activities.OfType<JoinActivity>())
            if (!definition.Activities.OfType<ForkActivity>().Any(f => JoinOf(definition, f) == join.Id))
                c.Add(join.Id, "The join does not close any fork.", $"Put an {ActivityTypes.Fork} before the branches it joins, or remove the join.");
    }

    public static string? JoinOf(WorkflowDefinition definition, ForkActivity fork)
    {
        var joins = new HashSet<string>();
        foreach (var branch in fork.Branches)
            foreach (var target in definition.Targets(fork.Id, branch))
                CollectJoins(definition, target, 0, joins, new HashSet<(string, int)>());
        return joins.Count == 1 ? joins.Single() : null;
    }

    // Walks a branch: a nested fork raises the depth, a join lowers it; the join met at depth 0 closes our fork.
    private static void CollectJoins(WorkflowDefinition definition, string id, int depth, HashSet<string> joins, HashSet<(string, int)> seen)
    {
        // A loop through a fork would raise the depth for ever: no proper nesting is deeper than the activities.
        if (depth > definition.Activities.Count || !seen.Add((id, depth)) || definition.Find(id) is not { } activity) return;
        switch (activity)
        {
            case JoinActivity when depth == 0:
                joins.Add(id);
                return;
            case JoinActivity:
                depth--;
                break;
            case ForkActivity:
                depth++;
                break;
        }
        foreach (var next in definition.Successors(id))
            CollectJoins(definition, next, depth, joins, seen);
    }
}
