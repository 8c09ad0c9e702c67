using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Dossiers;

/// <summary>
/// The API's printable forms (Mẫu 01–05, src/Api/Registers) opened from the console: the browser holds no API token,
/// so the page fetches the form's HTML with the person's token and hands it over unchanged.
/// </summary>
public sealed class PrintModel(ConsoleApi api) : PageModel
{
    /// <summary>The forms a dossier prints, by the API route's last segment.</summary>
    public static readonly IReadOnlySet<string> Forms = new HashSet<string> { "receipt", "supplement-requests", "refusal", "apologies", "control-slip" };

    public async Task<IActionResult> OnGet(Guid id, string form, CancellationToken ct)
    {
        if (!Forms.Contains(form)) return NotFound();
        return Printed(await api.Get($"/api/dossiers/{id}/{form}?format=html", ct));
    }

    public static IActionResult Printed(ApiAnswer answer) => (int)answer.Status switch
    {
        200 => new ContentResult { Content = answer.Body, ContentType = "text/html; charset=utf-8" },
        403 => new RedirectToPageResult("/Forbidden"),
        var status => new StatusCodeResult(status),
    };
}
