using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages;

/// <summary>Where the cookie scheme sends someone whose role may not open a page: a 403, in words.</summary>
public sealed class ForbiddenModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
