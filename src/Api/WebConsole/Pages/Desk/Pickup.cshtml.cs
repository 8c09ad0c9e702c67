using Dossiers.Api.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Desk;

/// <summary>Results waiting at this centre's desk (GET /api/agencies/{centre}/pickup), the longest waiting first.</summary>
public sealed class PickupModel(ConsoleApi api) : PageModel
{
    public PickupList? List { get; private set; }
    public ApiProblem? Problem { get; private set; }

    public async Task OnGet(string? next, CancellationToken ct)
    {
        var url = $"/api/agencies/{Uri.EscapeDataString(User.Agency() ?? "")}/pickup" + (next is null ? "" : $"?next={Uri.EscapeDataString(next)}");
        var answer = await api.Get(url, ct);
        if (answer.Ok) List = answer.Read<PickupList>(); else Problem = answer.Problem();
    }
}
