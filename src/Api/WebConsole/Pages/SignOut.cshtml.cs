using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages;

/// <summary>Ends the console session (and, with OIDC, the identity provider's session too). Only by POST, with its antiforgery token.</summary>
public sealed class SignOutModel(ConsoleSettings settings) : PageModel
{
    public void OnGet() { }

    public IActionResult OnPost()
    {
        var properties = new AuthenticationProperties { RedirectUri = "/console/sign-in?signedOut=true" };
        return settings.UsesOidc
            ? SignOut(properties, ConsoleSetup.Scheme, ConsoleSetup.OidcScheme)
            : SignOut(properties, ConsoleSetup.Scheme);
    }
}
