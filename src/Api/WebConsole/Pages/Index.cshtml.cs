using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages;

/// <summary>The console's home: the pages this person's role may open.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet() { }
}
