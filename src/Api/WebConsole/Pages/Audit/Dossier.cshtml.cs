using Dossiers.Api.Audit;
using Dossiers.Api.Dossiers;
using Dossiers.Projections.Audit;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Audit;

/// <summary>
/// A dossier replayed: its events (GET /api/dossiers/{id}/history), the dossier as it was after any one of them
/// (GET /api/dossiers/{id}?version=n, the stream folded by the same projection code as the live document), and the
/// hash chain's verification (GET /api/dossiers/{id}/verify).
/// </summary>
public sealed class DossierModel(ConsoleApi api) : PageModel
{
    public Guid Id { get; private set; }
    public History History { get; private set; } = null!;   // set in OnGet
    public DossierView State { get; private set; } = null!;
    public long Version { get; private set; }
    public ChainReport? Chain { get; private set; }
    public ApiProblem? Problem { get; private set; }

    public HistoryItem Event => History.Items.First(e => e.Version == Version);

    public async Task<IActionResult> OnGet(Guid id, long? version, CancellationToken ct)
    {
        if (await Load(id, version, ct) is { } failed) return failed;
        var chain = await api.Get($"/api/dossiers/{id}/verify", ct);
        if (chain.Ok) Chain = chain.Read<ChainReport>();
        return Page();
    }

    /// <summary>The state panel alone, for the slider (htmx swaps it in place).</summary>
    public async Task<IActionResult> OnGetState(Guid id, long? version, CancellationToken ct) =>
        await Load(id, version, ct) ?? Partial("_State", this);

    private async Task<IActionResult?> Load(Guid id, long? version, CancellationToken ct)
    {
        Id = id;
        var history = await api.Get($"/api/dossiers/{id}/history", ct);
        if (!history.Ok) return Refused(history);
        History = history.Read<History>();
        var last = History.Items[^1].Version;
        Version = version is { } v && v >= 1 && v <= last ? v : last;
        var state = await api.Get($"/api/dossiers/{id}?version={Version}", ct);
        if (!state.Ok) return Refused(state);
        State = state.Read<DossierView>();
        return null;
    }

    private IActionResult Refused(ApiAnswer answer)
    {
        Problem = answer.Problem();
        return answer.Status switch
        {
            System.Net.HttpStatusCode.NotFound => NotFound(),
            System.Net.HttpStatusCode.Forbidden => RedirectToPage("/Forbidden"),
            _ => StatusCode((int)answer.Status),
        };
    }
}
