using Dossiers.Api.Search;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Search;

/// <summary>Finds dossiers by code or applicant (GET /api/dossiers?q=): only those this person may read, as the API decides.</summary>
public sealed class IndexModel(ConsoleApi api) : PageModel
{
    public string? Q { get; private set; }
    public SearchPage? Results { get; private set; }
    public ApiProblem? Problem { get; private set; }

    public async Task OnGet(string? q, string? next, CancellationToken ct)
    {
        Q = q;
        if (string.IsNullOrWhiteSpace(q)) return;
        var answer = await api.Get($"/api/dossiers?q={Uri.EscapeDataString(q.Trim())}" + (next is null ? "" : $"&next={Uri.EscapeDataString(next)}"), ct);
        if (answer.Ok) Results = answer.Read<SearchPage>(); else Problem = answer.Problem();
    }
}
