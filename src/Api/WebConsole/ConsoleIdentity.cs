using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Dossiers.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Dossiers.Api.WebConsole;

/// <summary>
/// Who is signed in to the console: the claims of the API token the pages send (user, role, agency), so the navigation
/// and the page folders see the same person the API authorizes. The token itself rides in the cookie.
/// </summary>
public static class ConsoleIdentity
{
    public const string AccessToken = "access_token";

    /// <summary>The cookie's principal for an API token: its user, role and agency claims, nothing else.</summary>
    public static ClaimsPrincipal Of(string apiToken)
    {
        var token = new JwtSecurityTokenHandler().ReadJwtToken(apiToken);
        var claims = token.Claims.Where(c => c.Type is ClaimNames.User or ClaimNames.Role or ClaimNames.Agency)
            .Select(c => new Claim(c.Type, c.Value));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, ConsoleSetup.Scheme, ClaimNames.User, ClaimNames.Role));
    }

    /// <summary>
    /// OIDC: the access token (audience dossiers-api) is what the API will judge, so the console takes the person's role
    /// and agency from it rather than from the ID token, which an identity provider may fill differently.
    /// </summary>
    public static Task FromAccessToken(TokenValidatedContext context)
    {
        if (context.TokenEndpointResponse?.AccessToken is { Length: > 0 } accessToken)
            context.Principal = Of(accessToken);
        return Task.CompletedTask;
    }

    public static Task SignIn(HttpContext http, string apiToken)
    {
        var properties = new AuthenticationProperties();
        properties.StoreTokens([new AuthenticationToken { Name = AccessToken, Value = apiToken }]);
        return http.SignInAsync(ConsoleSetup.Scheme, Of(apiToken), properties);
    }

    public static string? Role(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Role);
    public static string? Agency(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.Agency);
    public static string? Name(this ClaimsPrincipal user) => user.FindFirstValue(ClaimNames.User);
}
