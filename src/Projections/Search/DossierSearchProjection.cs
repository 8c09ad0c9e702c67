using Dossiers.Projections.Dossiers;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events.Aggregation;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Dossiers.Projections.Search;

/// <summary>
/// Asynchronous, off the command path: one <see cref="DossierSearchEntry"/> per dossier. A search by code reads the
/// inline dossier instead (src/Api/Search), so a dossier is found by its code the moment it is accepted.
/// </summary>
public class DossierSearchProjection : SingleStreamProjection<DossierSearchEntry, Guid>
{
    public DossierSearchProjection() => this.IncludeDossierEvents();

    public override (DossierSearchEntry?, ActionType) DetermineAction(DossierSearchEntry? snapshot, Guid id, IReadOnlyList<IEvent> events) =>
        ChangesOnly.Fold(snapshot, events, (entry, e) => DossierSearchEntry.Next(entry, e.Data));
}

public static class DossierSearchRegistration
{
    /// <summary>
    /// The search entries' storage: the trigram index on the folded text, and the pg_trgm extension it needs (the
    /// projection itself runs in DossierViews). pg_trgm is a trusted extension: the database's owner (our non-superuser
    /// role) may create it, and Weasel does with the rest of the schema.
    /// </summary>
    public static StoreOptions AddDossierSearch(this StoreOptions options)
    {
        options.Storage.ExtendedSchemaObjects.Add(new Extension("pg_trgm"));
        // Columns of their own (search_text, listed_order, pickup_centre), not indexes on the JSON: an entry whose text
        // and keys stay as they were (most of a dossier's acts change only its status) is then a HOT update, which
        // skips the trigram index altogether.
        options.Schema.For<DossierSearchEntry>().Identity(e => e.Id)
            .Duplicate(e => e.SearchText, configure: index =>
            {
                index.Method = IndexMethod.gin;
                index.Mask = "? gin_trgm_ops";
            })
            .Duplicate(e => e.ListedOrder)
            .Duplicate(e => e.PickupCentre!)
            .FillFactor(ProjectionsRegistration.RewrittenFillFactor);
        return options;
    }
}
