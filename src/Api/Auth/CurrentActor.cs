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

    /// <summary>
    /// The token says its holder leads their unit (<c>position: leader</c>). Kept out of <see cref="Actor"/>: it grants
    /// reading, is never recorded on events, and the events' hashed shape stays as it was.
    /// </summary>
    public static bool IsLeader(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimNames.Position) == Positions.Leader && user.FindFirstValue(ClaimNames.Agency) is not null;
}
