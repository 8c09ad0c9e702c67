using System.Text;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Workflows;
using Dossiers.Projections.Sla;
using Dossiers.Projections.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Workflows;

/// <summary>
/// One version: its diagram (the API's Mermaid) with each step's live figures (GET …/step-times) written on its node and
/// coloured by how long dossiers stay there, its review, a diff against another version, and the control office's
/// approval or request for changes. Every figure and every decision is the API's.
/// </summary>
public sealed class DetailModel(ConsoleApi api) : PageModel
{
    public WorkflowDetail Workflow { get; private set; } = null!;   // set in Load
    public string Mermaid { get; private set; } = "";
    public StepTimesReport? Times { get; private set; }
    public WorkflowReview? Review { get; private set; }
    public WorkflowComparison? Diff { get; private set; }
    public ApiProblem? Problem { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Against { get; set; }

    public string DefinitionId => Workflow.Workflow.DefinitionId;
    public int Version => Workflow.Workflow.Version;

    public async Task<IActionResult> OnGet(string definitionId, int version, CancellationToken ct) =>
        await Load(definitionId, version, ct) ?? Page();

    public async Task<IActionResult> OnPostApprove(string definitionId, int version, string? note, CancellationToken ct) =>
        await Act(definitionId, version, "approve", new ApproveWorkflowRequest(note), "Đã phê duyệt: phiên bản được công bố áp dụng.", ct);

    public async Task<IActionResult> OnPostRequestChanges(string definitionId, int version, string? comments, CancellationToken ct) =>
        await Act(definitionId, version, "request-changes", new RequestWorkflowChangesRequest(comments), "Đã trả lại bản nháp để sửa.", ct);

    private async Task<IActionResult> Act(string definitionId, int version, string action, object body, string done, CancellationToken ct)
    {
        var answer = await api.Post($"/api/workflows/{Uri.EscapeDataString(definitionId)}/{version}/{action}", body, ct);
        if (answer.Ok)
        {
            TempData["Flash"] = done;
            return Redirect($"/console/workflows/{Uri.EscapeDataString(definitionId)}/{version}");
        }
        var failed = await Load(definitionId, version, ct);
        Problem = answer.Problem();
        return failed ?? Page();
    }

    private async Task<IActionResult?> Load(string definitionId, int version, CancellationToken ct)
    {
        var path = $"/api/workflows/{Uri.EscapeDataString(definitionId)}/{version}";
        var detail = await api.Get(path, ct);
        if (!detail.Ok) return detail.Status == System.Net.HttpStatusCode.NotFound ? NotFound() : StatusCode((int)detail.Status);
        Workflow = detail.Read<WorkflowDetail>();
        var diagram = (await api.Get($"{path}/diagram", ct)).Read<WorkflowDiagram>();
        var times = await api.Get($"{path}/step-times", ct);
        if (times.Ok) Times = times.Read<StepTimesReport>();
        Mermaid = WithFigures(diagram.Mermaid, Times);
        var review = await api.Get($"{path}/review", ct);
        if (review.Ok) Review = review.Read<WorkflowReview>();
        if (!string.IsNullOrWhiteSpace(Against))
        {
            var diff = await api.Get($"{path}/diff?against={Uri.EscapeDataString(Against)}", ct);
            if (diff.Ok) Diff = diff.Read<WorkflowComparison>();
            else Problem = diff.Problem();
        }
        return null;
    }

    /// <summary>Heat classes, coolest first: how a step's time compares with the slowest step of the version.</summary>
    public static readonly string[] Heat = ["heat0", "heat1", "heat2", "heat3"];

    /// <summary>
    /// The API's diagram with each step's figures added to its node's label and a heat class: the step's p90 time
    /// (waiting now or finished in the period, whichever is longer) against the version's slowest step, in quarters.
    /// </summary>
    public static string WithFigures(string mermaid, StepTimesReport? times)
    {
        if (times is null || times.Steps.Count == 0) return mermaid;
        var figures = times.Steps.ToDictionary(s => MermaidDiagram.NodeId(s.ActivityId));
        var slowest = times.Steps.Max(Slowness);
        var text = new StringBuilder();
        foreach (var line in mermaid.Split('\n'))
        {
            var trimmed = line.TrimStart();
            var node = trimmed.Length == 0 ? null : figures.Keys.FirstOrDefault(id => trimmed.StartsWith(id, StringComparison.Ordinal)
                && trimmed.Length > id.Length && trimmed[id.Length] is '[' or '(' or '{');
            var quote = line.LastIndexOf('"');
            if (node is not null && quote > 0)
            {
                var s = figures[node];
                text.Append(line[..quote]).Append($"<br/>Đang chờ {s.Waiting} · TV {AuditText.Minutes(s.WaitingMedianMinutes)} · P90 {AuditText.Minutes(s.WaitingP90Minutes)}")
                    .Append($"<br/>Đã xong {s.Finished} · TV {AuditText.Minutes(s.FinishedMedianMinutes)} · P90 {AuditText.Minutes(s.FinishedP90Minutes)}")
                    .Append(line[quote..]).Append('\n');
            }
            else text.Append(line).Append('\n');
        }
        text.AppendLine("    classDef heat0 fill:#e6f4ea,stroke:#1e7b34");
        text.AppendLine("    classDef heat1 fill:#fff4d6,stroke:#8a5a00");
        text.AppendLine("    classDef heat2 fill:#fcd9b6,stroke:#b45309");
        text.AppendLine("    classDef heat3 fill:#f8b4b4,stroke:#a4161a");
        foreach (var (node, s) in figures)
            text.AppendLine($"    class {node} {Heat[HeatLevel(Slowness(s), slowest)]}");
        return text.ToString();
    }

    public static int HeatLevel(double slowness, double slowest) =>
        slowest <= 0 ? 0 : Math.Min(3, (int)Math.Floor(4 * slowness / slowest - 1e-9));

    private static double Slowness(StepTime s) => Math.Max(s.WaitingP90Minutes ?? 0, s.FinishedP90Minutes ?? 0);
}
