using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Dossiers.Api.Auth;

/// <summary>Mints tokens signed with the configured key: for local development and for the tests.</summary>
public static class DevelopmentTokens
{
    public static string Mint(AuthSettings settings, string role, string? agency = null, string? user = null, TimeSpan? lifetime = null, string? position = null)
    {
        if (settings.SigningKey is null)
            throw new InvalidOperationException("Tokens can only be minted with Auth:SigningKey configured.");
        var claims = new List<Claim>
        {
            new(ClaimNames.User, user ?? $"{role}-dev"),
            new(ClaimNames.Role, role),
        };
        if (agency is not null) claims.Add(new Claim(ClaimNames.Agency, agency));
        if (position is not null) claims.Add(new Claim(ClaimNames.Position, position));
        var credentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(settings.SigningKey)), SecurityAlgorithms.HmacSha256);
        var token = new JwtSecurityToken(settings.Issuer, settings.Audience, claims,
            notBefore: DateTime.UtcNow.AddMinutes(-1), expires: DateTime.UtcNow.Add(lifetime ?? TimeSpan.FromHours(12)), signingCredentials: credentials);
        return new JwtSecurityTokenHandler().WriteToken(token);
    }
}
