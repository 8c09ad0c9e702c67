using System.Security.Cryptography;
using Dossiers.Api.Files;
using Microsoft.AspNetCore.WebUtilities;

namespace Dossiers.Api.Evaluations;

/// <summary>
/// The code a citizen evaluates a dossier with, printed on the receipt (Mẫu 01 <c>evaluationLink</c>):
/// token = base64url(AES-256(k₁, dossier id) ‖ first 16 bytes of HMAC-SHA256(k₂, that block)), 43 characters.
/// <list type="bullet">
/// <item>Computed, never stored: the receipt reprints the same code, and every dossier ever accepted has one.</item>
/// <item>The id is encrypted (one AES block, a keyed permutation of the 16 bytes), so the code neither shows the dossier id
/// nor anything of the applicant; unlike the result link, which carries the id in clear.</item>
/// <item>The tag makes a guessed or altered code fail before any lookup: a forgery is a 404 without a database read, and
/// cannot be aimed at a dossier (without k₁ nobody knows which block names which id).</item>
/// <item>One-time by the evaluation, not by the code: the dossier's evaluation stream is taken by the first evaluation,
/// so the code still opens the page ("already evaluated") but never records a second one.</item>
/// </list>
/// k₁ and k₂ are derived from <c>Lookup:ResultLinkSecret</c> (<see cref="ResultLinks.DerivedKey"/>); changing that
/// secret voids the printed evaluation codes together with the result links.
/// </summary>
public sealed class EvaluationTokens
{
    public const int Length = 43;
    private const int BlockBytes = 16, TagBytes = 16;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _macKey;

    public EvaluationTokens(ResultLinks links)
    {
        _encryptionKey = links.DerivedKey("citizen-evaluation/encrypt");
        _macKey = links.DerivedKey("citizen-evaluation/authenticate");
    }

    public string PathFor(Guid dossierId) => $"/api/lookup/evaluations/{TokenFor(dossierId)}";

    public string TokenFor(Guid dossierId)
    {
        var token = new byte[BlockBytes + TagBytes];
        using var aes = Aes.Create();
        aes.Key = _encryptionKey;
        aes.EncryptEcb(dossierId.ToByteArray(), token.AsSpan(0, BlockBytes), PaddingMode.None);
        HMACSHA256.HashData(_macKey, token.AsSpan(0, BlockBytes))[..TagBytes].CopyTo(token.AsSpan(BlockBytes));
        return WebEncoders.Base64UrlEncode(token);
    }

    /// <summary>Whether the text has a token's shape: 43 characters of base64url.</summary>
    public static bool LooksLikeToken(string token) => token.Length == Length && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The dossier a token was issued for; null when it is malformed or its tag does not match.</summary>
    public Guid? DossierOf(string token)
    {
        if (!LooksLikeToken(token)) return null;
        byte[] bytes;
        try { bytes = WebEncoders.Base64UrlDecode(token); }
        catch (FormatException) { return null; }
        // 43 characters carry two bits more than 32 bytes: only the canonical spelling is the code, not its three twins.
        if (bytes.Length != BlockBytes + TagBytes || WebEncoders.Base64UrlEncode(bytes) != token) return null;
        var expected = HMACSHA256.HashData(_macKey, bytes.AsSpan(0, BlockBytes)).AsSpan(0, TagBytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(BlockBytes))) return null;
        using var aes = Aes.Create();
        aes.Key = _encryptionKey;
        return new Guid(aes.DecryptEcb(bytes.AsSpan(0, BlockBytes), PaddingMode.None));
    }
}
