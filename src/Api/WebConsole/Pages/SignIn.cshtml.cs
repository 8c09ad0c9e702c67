using Dossiers.Api.Auth;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Agencies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages;

/// <summary>
/// Signing in. With an OIDC authority, straight to the identity provider. Otherwise, outside Production, a development
/// sign-in that mints the same token as the <c>token</c> command under the same rules (DevelopmentTokens.Refusal).
/// </summary>
public sealed class SignInModel(ConsoleSettings settings, AuthSettings auth, WorkflowLibrary library) : PageModel
{
    public ConsoleSettings Settings => settings;
    public string? Refusal { get; private set; }
    public string? Role { get; private set; } = Roles.Desk;
    public string? Agency { get; private set; }
    public new string? User { get; private set; }
    public bool SignedOut { get; private set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IEnumerable<Agency> Units => library.Agencies.All.OrderBy(a => a.Code, StringComparer.Ordinal);

    public IActionResult OnGet(bool signedOut = false)
    {
        SignedOut = signedOut;
        if (settings.UsesOidc && !signedOut)
            return Challenge(new AuthenticationProperties { RedirectUri = SafeReturn() }, ConsoleSetup.OidcScheme);
        if (!settings.DevelopmentSignIn && !settings.UsesOidc) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPost(string? role, string? agency, string? user)
    {
        if (!settings.DevelopmentSignIn) return NotFound();
        Role = role;
        Agency = string.IsNullOrWhiteSpace(agency) ? null : agency.Trim();
        User = user?.Trim();
        Refusal = string.IsNullOrWhiteSpace(User) ? "Nhập tên đăng nhập."
            : role is null ? "Chọn vai trò."
            : DevelopmentTokens.Refusal(role, Agency, () => library.Agencies);
        if (Refusal is not null) return Page();
        await ConsoleIdentity.SignIn(HttpContext, DevelopmentTokens.Mint(auth, role!, Agency, User));
        return LocalRedirect(SafeReturn());
    }

    /// <summary>Back to the console page that asked for sign-in, never to another site.</summary>
    private string SafeReturn() =>
        ReturnUrl is { } url && Url.IsLocalUrl(url) && url.StartsWith(ConsoleSetup.PathBase, StringComparison.Ordinal) ? url : ConsoleSetup.PathBase;
}
