using System.Security.Cryptography;
using System.Text;

namespace Dossiers.Api.WebConsole.Dashboard;

/// <summary>
/// The operations centre's wall screen (docs/console.md): with <c>Console:KioskSecret</c> (at least 32 characters) set
/// and the API's own signing key, <c>/console/kiosk</c> takes that secret once and signs the screen in as the
/// read-only <c>kiosk</c> role for <c>Console:KioskDays</c> days (30 by default). Without a secret there is no kiosk sign-in.
/// </summary>
public sealed record KioskSettings(string? Secret, int Days)
{
    public const int MinSecretLength = 32;

    public bool Enabled => Secret is not null;

    public static KioskSettings From(IConfiguration configuration)
    {
        var secret = configuration["Console:KioskSecret"];
        if (secret is { Length: > 0 and < MinSecretLength })
            throw new InvalidOperationException($"Console:KioskSecret must be at least {MinSecretLength} characters.");
        return new KioskSettings(string.IsNullOrEmpty(secret) ? null : secret, configuration.GetValue("Console:KioskDays", 30));
    }

    /// <summary>In constant time, so the answer's timing tells nothing about the secret.</summary>
    public bool Matches(string? given) =>
        Secret is not null && given is not null
        && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(Secret)));
}
