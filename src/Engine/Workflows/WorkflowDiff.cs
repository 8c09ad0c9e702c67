using System.Globalization;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>What differs from version <paramref name="From"/> to version <paramref name="To"/> of one procedure's workflow.</summary>
/// <param name="Summary">A few lines for a reviewer: how many changes, then one line per subject with the steps it touches.</param>
public sealed record WorkflowComparison(string DefinitionId, int From, int To, IReadOnlyList<WorkflowChange> Changes, IReadOnlyList<string> Summary);

/// <summary>One difference, with the values on each side (null where there is none) and a sentence saying it.</summary>
/// <param name="Kind"><c>added</c>, <c>removed</c> or <c>changed</c>.</param>
/// <param name="Subject">What changed: a key of <see cref="WorkflowDiff.Subjects"/> (<c>step</c>, <c>connection</c>, <c>budget</c>, …).</param>
/// <param name="ActivityId">The step concerned; for a connection, the step it leaves from.</param>
public sealed record WorkflowChange(string Kind, string Subject, string? ActivityId, string? Before, string? After, string Text);

/// <summary>
/// Compares two versions of a workflow for the control office: steps, their inputs, connections and the procedure's
/// catalogue facts. Pure: both definitions are already loaded. Steps are matched by id, as a migration's step mapping
/// and a dossier's history name them; a step given another id reads as one removed and one added.
/// </summary>
public static class WorkflowDiff
{
    public const string Added = "added", Removed = "removed", Changed = "changed";

    /// <summary>Every subject a change may have: how a sentence names it, and how the summary names a group of them.</summary>
    public static readonly IReadOnlyDictionary<string, (string One, string Many)> Subjects = new Dictionary<string, (string One, string Many)>
    {
        ["name"] = ("workflow name", "Workflow name"),
        ["procedureCode"] = ("procedure code", "Procedure code"),
        ["procedureName"] = ("procedure name", "Procedure name"),
        ["level"] = ("level", "Level"),
        ["legalTime"] = ("legal time", "Legal time"),
        ["boundaryFree"] = ("received by any centre of the province", "Receiving centres"),
        ["pauses"] = ("clock pauses", "Clock pauses"),
        ["rules"] = ("rules", "Procedure rules"),
        ["legalBasis"] = ("legal basis", "Legal basis"),
        ["fees"] = ("fee", "Fees"),
        ["documents"] = ("required document", "Required documents"),
        ["step"] = ("step", "Steps"),
        ["type"] = ("type", "Step types"),
        ["agency"] = ("agency", "Agencies"),
        ["role"] = ("role", "Roles"),
        ["title"] = ("title", "Titles"),
        ["budget"] = ("budget", "Budgets"),
        ["outcomes"] = ("outcomes", "Outcomes"),
        ["condition"] = ("decision condition", "Decision conditions"),
        ["branches"] = ("fork branches", "Fork branches"),
        ["joinMode"] = ("join mode", "Join modes"),
        ["connection"] = ("connection", "Connections"),
    };

    // Free text is quoted so that where it starts and ends is clear in a sentence.
    private static readonly HashSet<string> Texts = ["name", "procedureName", "legalBasis", "title", "condition"];

    public static WorkflowComparison Compare(WorkflowDefinition from, WorkflowDefinition to)
    {
        List<WorkflowChange> changes = [.. Procedure(from, to), .. Steps(from, to), .. Connections(from, to)];
        return new WorkflowComparison(to.DefinitionId, from.Version, to.Version, changes, Summarize(from.Version, to.Version, changes));
    }

    private static IEnumerable<WorkflowChange> Procedure(WorkflowDefinition from, WorkflowDefinition to)
    {
        var (a, b) = (from.Procedure, to.Procedure);
        (string Subject, string? Before, string? After)[] facts =
        [
            ("name", from.Name, to.Name),
            ("procedureCode", a.Code, b.Code),
            ("procedureName", a.Name, b.Name),
            ("level", a.Level, b.Level),
            ("legalTime", Show(a.LegalTime), Show(b.LegalTime)),
            ("boundaryFree", YesNo(a.BoundaryFree), YesNo(b.BoundaryFree)),
            ("pauses", Show(a.Pauses), Show(b.Pauses)),
            ("rules", Show(a.Rules), Show(b.Rules)),
            ("legalBasis", a.LegalBasis, b.LegalBasis),
        ];
        foreach (var (subject, before, after) in facts.Where(f => f.Before != f.After))
            yield return new WorkflowChange(Changed, subject, null, before, after,
                $"{Capitalized(Subjects[subject].One)}: {Value(subject, before)} → {Value(subject, after)}.");

        foreach (var change in Named("fees", a.Fees, b.Fees, f => f.Name, f => $"{Number(f.Amount)} VND"))
            yield return change;
        foreach (var change in Named("documents", a.Documents, b.Documents, d => d.Name, d => d.Kind ?? "any kind"))
            yield return change;
    }

    /// <summary>Fees and documents are matched by name: a new amount or kind is a change, a new name an addition.</summary>
    private static IEnumerable<WorkflowChange> Named<T>(string subject, IReadOnlyList<T> before, IReadOnlyList<T> after,
        Func<T, string> name, Func<T, string> show)
    {
        var old = before.GroupBy(name).ToDictionary(g => g.Key, g => show(g.First()));
        var current = after.GroupBy(name).ToDictionary(g => g.Key, g => show(g.First()));
        var noun = Capitalized(Subjects[subject].One);
        foreach (var (key, value) in old.Where(o => !current.ContainsKey(o.Key)))
            yield return new WorkflowChange(Removed, subject, null, $"{key}: {value}", null, $"{noun} removed: «{key}», {value}.");
        foreach (var (key, value) in current.Where(c => !old.ContainsKey(c.Key)))
            yield return new WorkflowChange(Added, subject, null, null, $"{key}: {value}", $"{noun} added: «{key}», {value}.");
        foreach (var (key, value) in current.Where(c => old.TryGetValue(c.Key, out var was) && was != c.Value))
            yield return new WorkflowChange(Changed, subject, null, $"{key}: {old[key]}", $"{key}: {value}", $"{noun} «{key}»: {old[key]} → {value}.");
    }

    private static IEnumerable<WorkflowChange> Steps(WorkflowDefinition from, WorkflowDefinition to)
    {
        foreach (var gone in from.Activities.Where(a => to.Find(a.Id) is null))
            yield return new WorkflowChange(Removed, "step", gone.Id, Describe(gone), null, $"Step {gone.Id} removed: {Describe(gone)}.");
        foreach (var added in to.Activities.Where(a => from.Find(a.Id) is null))
            yield return new WorkflowChange(Added, "step", added.Id, null, Describe(added), $"Step {added.Id} added: {Describe(added)}.");

        foreach (var after in to.Activities)
        {
            if (from.Find(after.Id) is not { } before) continue;
            if (before.Type != after.Type)
            {
                // Another type has other inputs: comparing them one by one would say nothing more.
                yield return new WorkflowChange(Changed, "type", after.Id, Describe(before), Describe(after),
                    $"Step {after.Id}: type {Describe(before)} → {Describe(after)}.");
                continue;
            }
            var old = Inputs(before).ToDictionary(i => i.Subject, i => i.Value);
            foreach (var (subject, value) in Inputs(after).Where(i => old[i.Subject] != i.Value))
                yield return new WorkflowChange(Changed, subject, after.Id, old[subject], value,
                    $"Step {after.Id}: {Subjects[subject].One} {Value(subject, old[subject])} → {Value(subject, value)}.");
        }
    }

    /// <summary>What a reviewer compares on each type of step; the keys are subjects.</summary>
    private static (string Subject, string? Value)[] Inputs(Activity activity) => activity switch
    {
        IntakeActivity a => [("agency", a.Agency.Notation), ("title", a.Title), ("budget", Show(a.Budget))],
        TaskActivity a => [("agency", a.Agency.Notation), ("role", a.Role), ("title", a.Title), ("budget", Show(a.Budget)), ("outcomes", string.Join(", ", a.Outcomes))],
        DecisionActivity a => [("condition", a.Condition)],
        ForkActivity a => [("branches", string.Join(", ", a.Branches))],
        JoinActivity a => [("joinMode", a.Mode.ToString())],
        AwaitPaymentActivity a => [("agency", a.Agency.Notation), ("title", a.Title)],
        ResultActivity a => [("title", a.Title)],
        RejectActivity a => [("title", a.Title)],
        _ => [],
    };

    private static IEnumerable<WorkflowChange> Connections(WorkflowDefinition from, WorkflowDefinition to)
    {
        var before = from.Connections.ToHashSet();
        var after = to.Connections.ToHashSet();
        foreach (var c in from.Connections.Where(c => !after.Contains(c)))
            yield return new WorkflowChange(Removed, "connection", c.Source, Show(c), null, $"Connection removed: {Show(c)}.");
        foreach (var c in to.Connections.Where(c => !before.Contains(c)))
            yield return new WorkflowChange(Added, "connection", c.Source, null, Show(c), $"Connection added: {Show(c)}.");
    }

    private static IReadOnlyList<string> Summarize(int from, int to, IReadOnlyList<WorkflowChange> changes)
    {
        if (changes.Count == 0) return [$"No differences between v{from} and v{to}."];
        List<string> lines = [$"{changes.Count} change{(changes.Count == 1 ? "" : "s")} from v{from} to v{to}."];
        foreach (var group in changes.GroupBy(c => c.Subject))
        {
            var counts = string.Join(", ", group.GroupBy(c => c.Kind).Select(k => $"{k.Count()} {k.Key}"));
            var steps = group.Select(c => c.ActivityId).OfType<string>().Distinct().ToList();
            lines.Add($"{Subjects[group.Key].Many}: {counts}{(steps.Count > 0 ? $" ({string.Join(", ", steps)})" : "")}.");
        }
        return lines;
    }

    private static string Describe(Activity a) =>
        $"{a.Type} «{a.Label}»" + (a is IRoutedActivity routed ? $" at {routed.Agency.Notation}" : "");

    private static string Show(Connection c) => $"from {c.Source} by port {c.Port} to {c.Target}";

    private static string? Show(Budget? b) => b is null ? null : $"{Number(b.Amount)} {b.Unit}";

    private static string Show(PauseRules p) => $"supplement {YesNo(p.Supplement)}, payment {YesNo(p.Payment)}";

    private static string Show(ProcedureRules r) =>
        $"maxSupplementRequests {r.MaxSupplementRequests}, apologyMinWorkingDaysBefore {Number(r.ApologyMinWorkingDaysBefore)}, " +
        $"apologyMaxWorkingDaysAfter {Number(r.ApologyMaxWorkingDaysAfter)}, maxReschedules {r.MaxReschedules}";

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static string Value(string subject, string? value) =>
        value is null ? "none" : Texts.Contains(subject) ? $"«{value}»" : value;

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
