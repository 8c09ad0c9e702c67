using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dossiers.Api.Search;

/// <summary>
/// Where the next page starts: the last answered row's sort key and id (keyset paging, so rows written meanwhile never
/// shift a page: no duplicates, no gaps), and a fingerprint of the query it belongs to. Opaque to clients (base64url).
/// </summary>
public sealed record SearchCursor(string Query, long Key, Guid After)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{Query}|{Key.ToString(CultureInfo.InvariantCulture)}|{After:N}"));

    /// <summary>The cursor, when <paramref name="text"/> is one this query gave; otherwise null.</summary>
    public static SearchCursor? Decode(string text, string query)
    {
        if (text.Length > 200) return null;
        byte[] bytes;
        try { bytes = Base64Url.DecodeFromChars(text); }
        catch (FormatException) { return null; }
        var parts = Encoding.ASCII.GetString(bytes).Split('|');
        return parts.Length == 3 && parts[0] == query
            && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            && Guid.TryParseExact(parts[2], "N", out var after)
            ? new SearchCursor(query, key, after)
            : null;
    }

    /// <summary>A short fingerprint of what was asked, so a cursor is not replayed against another query.</summary>
    public static string Fingerprint(params object?[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture))))))[..12];
}
