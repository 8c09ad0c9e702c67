using System.Security.Cryptography;
using System.Text;
using Dossiers.Engine.Dossiers;
using Microsoft.AspNetCore.WebUtilities;

namespace Dossiers.Api.Files;

/// <summary>
/// The link to a dossier's digitised result (kết quả điện tử) printed on the receipt (Mẫu 01):
/// <c>/api/lookup/results/{token}</c>, token = base64url(dossier id ‖ HMAC-SHA256(Lookup:ResultLinkSecret, dossier id)).
/// The id in front is what lets the link find its dossier without a table of issued links; the HMAC is what makes it
/// impossible to guess, and lets the receipt be reprinted with the same link. The secret is required in Production;
/// elsewhere a development secret is used. The link works for <see cref="Days"/> days (Lookup:ResultLinkDays, 30)
/// after the result was handed over, and before that from the moment a result file is attached.
/// </summary>
public sealed class ResultLinks
{
    public const string DevelopmentSecret = "development-result-link-secret-not-for-production";
    private const int IdBytes = 16, MacBytes = 32;

    private readonly byte[] _secret;

    public ResultLinks(IConfiguration configuration, IHostEnvironment environment)
    {
        var secret = configuration["Lookup:ResultLinkSecret"];
        if (string.IsNullOrWhiteSpace(secret))
        {
            if (environment.IsProduction())
                throw new InvalidOperationException("Lookup:ResultLinkSecret is not set: Production needs a secret of at least 32 characters for the result links printed on receipts.");
            secret = DevelopmentSecret;
        }
        if (secret.Length < 32) throw new InvalidOperationException("Lookup:ResultLinkSecret must be at least 32 characters.");
        _secret = Encoding.UTF8.GetBytes(secret);
        Days = configuration.GetValue("Lookup:ResultLinkDays", 30);
    }

    public int Days { get; }

    public string PathFor(Guid dossierId) => $"/api/lookup/results/{TokenFor(dossierId)}";

    public string TokenFor(Guid dossierId)
    {
        var token = new byte[IdBytes + MacBytes];
        dossierId.TryWriteBytes(token);
        HMACSHA256.HashData(_secret, token.AsSpan(0, IdBytes), token.AsSpan(IdBytes));
        return WebEncoders.Base64UrlEncode(token);
    }

    /// <summary>Whether the text has a token's shape: 64 characters of base64url.</summary>
    public static bool LooksLikeToken(string token) => token.Length == 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The dossier a token was issued for; null when it is malformed or its HMAC does not match.</summary>
    public Guid? DossierOf(string token)
    {
        if (!LooksLikeToken(token)) return null;
        var bytes = WebEncoders.Base64UrlDecode(token);
        if (bytes.Length != IdBytes + MacBytes) return null;
        var expected = HMACSHA256.HashData(_secret, bytes.AsSpan(0, IdBytes));
        return CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(IdBytes)) ? new Guid(bytes.AsSpan(0, IdBytes)) : null;
    }

    /// <summary>
    /// A key for another code printed on the receipt (the citizen's evaluation code), derived from the same secret with
    /// HKDF-SHA256 and <paramref name="purpose"/> as its info: one secret to configure, a key of its own for each use.
    /// </summary>
    public byte[] DerivedKey(string purpose) => HKDF.DeriveKey(HashAlgorithmName.SHA256, _secret, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>When the link stops working: <see cref="Days"/> after the hand-over; never while the result is not handed over.</summary>
    public DateTimeOffset? ExpiresAt(Dossier dossier) => dossier.ReturnedAt?.AddDays(Days);
}
