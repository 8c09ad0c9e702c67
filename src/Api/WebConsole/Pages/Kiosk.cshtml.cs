using Dossiers.Api.Auth;
using Dossiers.Api.WebConsole.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages;

/// <summary>
/// The wall screen's sign-in: the configured kiosk secret, typed once (a form, so the secret is never in a URL or an
/// access log), signs the screen in as the read-only <c>kiosk</c> role for <see cref="KioskSettings.Days"/> days.
/// Its API token is minted with the API's signing key; with an OIDC authority the screen signs in like anyone else,
/// as an account the authority gives the <c>kiosk</c> role.
/// </summary>
[AllowAnonymous]
public sealed class KioskModel(KioskSettings kiosk, AuthSettings auth, ConsoleSettings console) : PageModel
{
    public bool Available => kiosk.Enabled && auth.SigningKey is not null && !console.UsesOidc;
    public bool Refused { get; private set; }

    public IActionResult OnGet() => Available ? Page() : NotFound();

    public async Task<IActionResult> OnPost(string? secret)
    {
        if (!Available) return NotFound();
        if (!kiosk.Matches(secret))
        {
            Refused = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var lifetime = TimeSpan.FromDays(kiosk.Days);
        var token = DevelopmentTokens.Mint(auth, Roles.Kiosk, user: "kiosk", lifetime: lifetime);
        var properties = new AuthenticationProperties { IsPersistent = true, ExpiresUtc = DateTimeOffset.UtcNow.Add(lifetime) };
        properties.StoreTokens([new AuthenticationToken { Name = ConsoleIdentity.AccessToken, Value = token }]);
        await HttpContext.SignInAsync(ConsoleSetup.Scheme, ConsoleIdentity.Of(token), properties);
        return LocalRedirect("/console/dashboard");
    }
}
