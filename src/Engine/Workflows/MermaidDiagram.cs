using System.Text;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>Draws a definition as a Mermaid flowchart, with each step's agency and budget on its node.</summary>
public static class MermaidDiagram
{
    public static string Render(WorkflowDefinition definition, AgencyRegistry agencies)
    {
        var text = new StringBuilder();
        text.AppendLine("flowchart TD");
        foreach (var activity in definition.Activities)
            text.AppendLine("    " + Node(activity, agencies));
        foreach (var connection in definition.Connections)
            text.AppendLine($"    {Id(connection.Source)} -->|{Escape(connection.Port)}| {Id(connection.Target)}");
        return text.ToString();
    }

    private static string Node(Activity activity, AgencyRegistry agencies) => activity switch
    {
        IntakeActivity a => $"{Id(a.Id)}([\"{Escape(a.Label)}<br/>{Escape(agencies.Label(a.Agency))}{BudgetText(a.Budget)}\"])",
        TaskActivity a => $"{Id(a.Id)}[\"{Escape(a.Label)}<br/>{Escape(agencies.Label(a.Agency))}{BudgetText(a.Budget)}\"]",
        DecisionActivity a => $"{Id(a.Id)}{{\"{Escape(a.Condition.Trim())}\"}}",
        ForkActivity a => $"{Id(a.Id)}[/\"song song: {Escape(string.Join(", ", a.Branches))}\"/]",
        JoinActivity a => $"{Id(a.Id)}[\\\"{a.Mode}\"\\]",
        AwaitPaymentActivity a => $"{Id(a.Id)}[[\"{Escape(a.Label)}<br/>{Escape(agencies.Label(a.Agency))} · dừng tính giờ\"]]",
        ResultActivity a => $"{Id(a.Id)}((\"{Escape(a.Label)}\"))",
        RejectActivity a => $"{Id(a.Id)}((\"{Escape(a.Label)}\"))",
        _ => $"{Id(activity.Id)}[\"{Escape(activity.Label)}\"]",
    };

    private static string BudgetText(Budget? budget) => budget is null ? "" : " · " + budget.ToVietnamese();

    /// <summary>The diagram's node for an activity, so a page can mark a step on it (the console's heat map).</summary>
    public static string NodeId(string activityId) => Id(activityId);

    // Mermaid ids must be plain; activity ids may hold dashes, dots or any letter. Other characters are written as their
    // code, so two activity ids never become one node ("a-b" and "a_b" stay apart).
    private static string Id(string id) =>
        "n_" + string.Concat(id.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch.ToString() : $"_{(int)ch:X}_"));

    private static string Escape(string text) => text.Replace("\"", "#quot;").Replace("\n", " ").Replace("|", "#124;");
}
