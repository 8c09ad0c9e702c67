using Dossiers.Engine;
using System.Security.Claims;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Api.Auth;

public static class CurrentActor
{
    /// <summary>The actor recorded on events: always from the validated token, never from the request body.</summary>
    public static Actor From(ClaimsPrincipal user) => new(
        user.FindFirstValue(ClaimNames.User) ?? user.Identity?.Name ?? "unknown",
        user.FindFirstValue(ClaimNames.Role) ?? "unknown",
        user.FindFirstValue(ClaimNames.Agency));
}
