using System.Globalization;
using Dossiers.Api.Validation;

namespace Dossiers.Api.Paging;

/// <summary>
/// A page asked for: how many rows (<c>limit</c>, up to the list's maximum) and where to start (<c>next</c>, the
/// cursor the previous page answered, which must come from the same list with the same filters).
/// </summary>
public sealed record PageRequest(int Limit, PageCursor? Cursor, string Query)
{
    /// <summary>The boards' page sizes: the old fixed cap of the SLA boards is the most one page may hold.</summary>
    public const int DefaultLimit = 100, MaxLimit = 500;

    /// <summary>
    /// Reads <paramref name="limit"/> and <paramref name="next"/>, adding what is wrong to <paramref name="check"/>
    /// under their names. <paramref name="query"/> is everything that selects the rows (the list, its path and its
    /// filters): a cursor of another query is refused. <paramref name="guidIds"/>: the list's rows are keyed by GUIDs.
    /// </summary>
    public static PageRequest Read(RequestCheck check, string? limit, string? next, bool guidIds, object?[] query,
        int defaultLimit = DefaultLimit, int maxLimit = MaxLimit)
    {
        var size = defaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > maxLimit))
            check.Fail("limit", $"must be a whole number from 1 to {maxLimit}.");
        var fingerprint = PageCursor.Fingerprint(query);
        PageCursor? cursor = null;
        if (next is not null && ((cursor = PageCursor.Decode(next, fingerprint)) is null || guidIds && cursor.AfterGuid is null))
            check.Fail("next", "is not a cursor of this list: send the same query with the next value its previous page answered.");
        return new PageRequest(size, cursor, fingerprint);
    }

    /// <summary>
    /// The page out of <paramref name="rows"/> read with one row more than the limit: that extra row only tells that
    /// another page follows, whose cursor is the last shown row's key and id.
    /// </summary>
    public (IReadOnlyList<T> Items, string? Next) Cut<T>(IReadOnlyList<T> rows, Func<T, long> key, Func<T, string> id)
    {
        if (rows.Count <= Limit) return (rows, null);
        var shown = rows.Take(Limit).ToList();
        return (shown, new PageCursor(Query, key(shown[^1]), id(shown[^1])).Encode());
    }
}
