using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Dossiers.Api.Paging;

/// <summary>
/// Where the next page starts: the last answered row's sort key and id (keyset paging, so rows written meanwhile never
/// shift a page: no duplicates, no gaps), and a fingerprint of the query it belongs to. Opaque to clients (base64url).
/// Every paged list answers it as <c>next</c> and takes it back as <c>?next=</c> (docs/paging.md).
/// </summary>
/// <param name="After">The last row's id as text: a GUID ("N") for dossiers, the document's own id otherwise.</param>
public sealed record PageCursor(string Query, long Key, string After)
{
    public PageCursor(string query, long key, Guid after) : this(query, key, after.ToString("N")) { }

    /// <summary>The id as a GUID, for lists of documents keyed by one; null when the cursor holds another kind of id.</summary>
    public Guid? AfterGuid => Guid.TryParseExact(After, "N", out var id) ? id : null;

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Query}|{Key.ToString(CultureInfo.InvariantCulture)}|{After}"));

    /// <summary>The cursor, when <paramref name="text"/> is one this query gave; otherwise null.</summary>
    public static PageCursor? Decode(string text, string query)
    {
        if (text.Length > 400) return null;
        byte[] bytes;
        try { bytes = Base64Url.DecodeFromChars(text); }
        catch (FormatException) { return null; }
        string decoded;
        try { decoded = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
        catch (ArgumentException) { return null; }
        // The id comes last and may hold the separator (an inbox item's id is "dossier/task").
        var parts = decoded.Split('|', 3);
        return parts.Length == 3 && parts[0] == query && parts[2].Length is > 0 and <= 200
            && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var key)
            ? new PageCursor(query, key, parts[2])
            : null;
    }

    /// <summary>A short fingerprint of what was asked, so a cursor is not replayed against another query.</summary>
    public static string Fingerprint(params object?[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture))))))[..12];
}
