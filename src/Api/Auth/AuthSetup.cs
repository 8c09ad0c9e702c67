using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Dossiers.Api.Auth;

/// <summary>
/// JWT bearer tokens, either from an OIDC authority (Auth:Authority, e.g. Keycloak) or signed with a
/// shared key (Auth:SigningKey). Development ships a key in appsettings.Development.json; Production has none.
/// </summary>
public static class AuthSetup
{
    public static WebApplicationBuilder AddDossierAuth(this WebApplicationBuilder builder)
    {
        var auth = AuthSettings.From(builder.Configuration);
        builder.Services.AddSingleton(auth);
        builder.Services
            .AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                // A valid token is remembered for up to a minute (RememberingTokenHandler), on the real clock: the
                // handler checks expiry on it too, whatever clock the service's deadlines run on.
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new RememberingTokenHandler(TimeProvider.System) { MapInboundClaims = false });
                options.MapInboundClaims = false;
                if (auth.Authority is { } authority)
                {
                    options.Authority = authority;
                    options.Audience = auth.Audience;
                }
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Authority ?? auth.Issuer,
                    ValidAudience = auth.Audience,
                    IssuerSigningKey = auth.SigningKey is { } key ? new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)) : null,
                    NameClaimType = ClaimNames.User,
                    RoleClaimType = ClaimNames.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddAuthorization();
        return builder;
    }
}

public sealed record AuthSettings(string Issuer, string Audience, string? SigningKey, string? Authority)
{
    public static AuthSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Auth");
        var settings = new AuthSettings(
            section["Issuer"] ?? "dossiers",
            section["Audience"] ?? "dossiers-api",
            NullIfEmpty(section["SigningKey"]),
            NullIfEmpty(section["Authority"]));
        if (settings.SigningKey is null && settings.Authority is null)
            throw new InvalidOperationException("Authentication is not configured: set Auth:Authority (OIDC) or Auth:SigningKey.");
        if (settings.SigningKey is { Length: < 32 })
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 characters.");
        return settings;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
