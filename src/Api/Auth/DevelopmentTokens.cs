using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Dossiers.Engine.Agencies;
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

    /// <summary>
    /// Why a development identity may not be had, or null: the rules of the token command and of the console's
    /// development sign-in alike. An officer and a desk name a unit of the registry, a desk a service centre; the
    /// national portal names none.
    /// </summary>
    public static string? Refusal(string role, string? agency, Func<AgencyRegistry> registry, string? position = null)
    {
        if (!Roles.All.Contains(role)) return $"Unknown role '{role}'; one of {string.Join(", ", Roles.All)}.";
        if (position is not null && (position != Positions.Leader || role is not (Roles.Officer or Roles.Desk)))
            return $"--position takes {Positions.Leader}, for an officer or desk token: the leaders of a unit.";
        if (role is Roles.Officer or Roles.Desk && string.IsNullOrWhiteSpace(agency))
            return $"A {role} token needs --agency <code>: the unit the person works at.";
        if (role == Roles.Portal && agency is not null)
            return "A portal token names no unit: the national portal submits to the centre each applicant chose.";
        if (agency is null) return null;
        var units = registry();   // read only when a unit is named
        return units.Find(agency) switch
        {
            null => $"Agency '{agency}' is not in the agency registry ({units.Version}); see workflows/{AgencyRegistry.FileName}.",
            { Kind: not AgencyKinds.ServiceCentre } unit when role == Roles.Desk =>
                $"A desk works at a service centre; {agency} ({unit.ShortName ?? unit.Name}) is a {unit.Kind}.",
            _ => null,
        };
    }
}
