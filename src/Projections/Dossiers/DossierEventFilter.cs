using Dossiers.Engine.Dossiers;
using JasperFx.Events.Projections;

namespace Dossiers.Projections.Dossiers;

public static class DossierEventFilter
{
    private static readonly Type[] Types =
        [.. typeof(IDossierEvent).Assembly.GetTypes().Where(t => t.IsClass && t.IsAssignableTo(typeof(IDossierEvent)))];

    /// <summary>
    /// A projection of one dossier takes only a dossier's own events: not the register lines an acceptance appends to
    /// the desk's register stream, nor a workflow's records. Inline, it would otherwise load a document for those
    /// streams; asynchronously, the daemon would read their events for nothing.
    /// </summary>
    public static void IncludeDossierEvents(this IEventFilterable projection)
    {
        foreach (var type in Types) projection.IncludeType(type);
    }
}
