using Dossiers.Api.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Audit;

/// <summary>The auditor's way in: a dossier by its code or id, found with the API's search.</summary>
public sealed class IndexModel(ConsoleApi api) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];
    public ApiProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGet(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Code)) return Page();
        var text = Code.Trim();
        if (Guid.TryParse(text, out var id)) return Redirect($"/console/audit/{id}");
        var answer = await api.Get($"/api/dossiers?code={Uri.EscapeDataString(text)}", ct);
        if (!answer.Ok) { Problem = answer.Problem(); return Page(); }
        Hits = answer.Read<SearchPage>().Items;
        return Hits.Count == 1 ? Redirect($"/console/audit/{Hits[0].Id}") : Page();
    }
}
