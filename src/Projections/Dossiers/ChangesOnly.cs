using JasperFx.Events;
using JasperFx.Events.Daemon;

namespace Dossiers.Projections.Dossiers;

/// <summary>
/// How an asynchronous projection of one document folds a slice of events: it writes the document only when the
/// events changed it. Most events leave most read models as they were (a second acknowledgement leaves the search
/// entry alone, a deadline warning the control slip); rewriting an equal document costs the daemon a serialisation and
/// PostgreSQL an update of every index on the table, for nothing.
/// </summary>
/// <remarks>
/// "Changed" is the records' own equality. The documents are immutable records whose lists are replaced, never
/// mutated, so an event that changes nothing leaves every member equal (lists by the same reference), and one that
/// changes anything leaves a member unequal: a document is never skipped when it changed.
/// </remarks>
public static class ChangesOnly
{
    public static (TDoc?, ActionType) Fold<TDoc>(TDoc? before, IReadOnlyList<IEvent> events, Func<TDoc?, IEvent, TDoc?> next)
        where TDoc : class
    {
        var after = before;
        foreach (var e in events) after = next(after, e);
        return (before, after) switch
        {
            (null, null) => (null, ActionType.Nothing),
            (_, null) => (null, ActionType.Delete),
            _ when Equals(before, after) => (after, ActionType.Nothing),
            _ => (after, ActionType.Store),
        };
    }
}
