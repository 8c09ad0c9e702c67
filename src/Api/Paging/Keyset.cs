using System.Linq.Expressions;
using Marten;
using Marten.Linq.MatchesSql;

namespace Dossiers.Api.Paging;

/// <summary>
/// Keyset paging on Marten queries: rows ordered by a whole-number key the read model stores (a time in
/// milliseconds, filled by its projection from the events) and then by the document's id, so the order is total
/// and a page starts strictly after the previous page's last row.
/// </summary>
public static class Keyset
{
    /// <summary>
    /// Orders by <paramref name="key"/>, then id, and keeps the rows after <paramref name="page"/>'s
    /// cursor; reads one row more than the limit (<see cref="PageRequest.Cut{T}"/> turns it into <c>next</c>).
    /// </summary>
    public static async Task<IReadOnlyList<T>> ReadPage<T>(this IQueryable<T> rows, Expression<Func<T, long>> key, PageRequest page,
        CancellationToken ct) where T : notnull
    {
        if (page.Cursor is { } cursor) rows = rows.Where(After(key, cursor));
        return await rows.OrderBy(key).ThenBy(Id<T>()).Take(page.Limit + 1).ToListAsync(ct);
    }

    /// <summary>
    /// How many rows come up to and including the cursor's row: where the page after it starts counting, for lists
    /// whose rows are numbered (the register's STT).
    /// </summary>
    public static async Task<int> CountThrough<T>(this IQueryable<T> rows, Expression<Func<T, long>> key, PageCursor? cursor, CancellationToken ct) where T : notnull =>
        cursor is null ? 0 : await rows.CountAsync(ct) - await rows.Where(After(key, cursor)).CountAsync(ct);

    /// <summary>
    /// key past the cursor's, or the same key and a greater id. The id comparison is SQL (Marten's LINQ has no
    /// ordering operators for GUIDs): PostgreSQL compares ids in the same order it sorts them, so the two agree.
    /// </summary>
    private static Expression<Func<T, bool>> After<T>(Expression<Func<T, long>> key, PageCursor cursor)
    {
        var row = key.Parameters[0];
        var at = Expression.Constant(cursor.Key);
        object id = typeof(T).GetProperty("Id")!.PropertyType == typeof(Guid) ? cursor.AfterGuid!.Value : cursor.After;
        var sameKeyLaterId = Expression.Call(typeof(MatchesSqlExtensions).GetMethod(nameof(MatchesSqlExtensions.MatchesSql),
                [typeof(object), typeof(string), typeof(object[])])!,
            row, Expression.Constant("d.id > ?"), Expression.Constant(new[] { id }));
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(Expression.GreaterThan(key.Body, at), Expression.AndAlso(Expression.Equal(key.Body, at), sameKeyLaterId)), row);
    }

    private static Expression<Func<T, object>> Id<T>()
    {
        var row = Expression.Parameter(typeof(T), "x");
        return Expression.Lambda<Func<T, object>>(Expression.Convert(Expression.Property(row, "Id"), typeof(object)), row);
    }
}
