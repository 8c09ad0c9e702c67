using Dossiers.Api.Workflows;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Workflows;

/// <summary>The catalogue (GET /api/workflows) and the versions under review (drafts, returned drafts).</summary>
public sealed class IndexModel(ConsoleApi api) : PageModel
{
    public IReadOnlyList<WorkflowSummary> Published { get; private set; } = [];
    public IReadOnlyList<WorkflowSummary> UnderReview { get; private set; } = [];

    public async Task OnGet(CancellationToken ct)
    {
        Published = (await api.Get("/api/workflows", ct)).Read<WorkflowList>().Items;
        var drafts = (await api.Get("/api/workflows?status=draft", ct)).Read<WorkflowList>().Items;
        var returned = (await api.Get("/api/workflows?status=changesRequested", ct)).Read<WorkflowList>().Items;
        UnderReview = [.. drafts, .. returned];
    }
}
