using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Dossiers;
using Dossiers.Projections.Explanations;
using Dossiers.Projections.Feedback;
using Dossiers.Projections.Boards;
using Dossiers.Projections.Evaluations;
using Dossiers.Projections.Registers;
using Dossiers.Projections.Search;
using Dossiers.Projections.Sla;
using Dossiers.Projections.Workflows;
using JasperFx.Events.Projections;
using Marten;

namespace Dossiers.Projections;

public static class ProjectionsRegistration
{
    /// <summary>
    /// The event store's conventions, shared by the API and every tool that opens the store (the benchmark's seeder):
    /// the caller's connection pool (the API has one for everything it does), one schema, camelCase JSON with enums as strings, Guid streams, correlation/causation ids and headers on events.
    /// </summary>
    public static StoreOptions UseDossierEventStore(this StoreOptions options, Npgsql.NpgsqlDataSource database, string schema)
    {
        options.Connection(database);
        options.DatabaseSchemaName = schema;
        // Vietnamese letters as they are, not as \u escapes: the default encoder would write "Cán bộ" as
        // "C\u00E1n b\u1ED9", several times the bytes to write, send and parse for every name, title and note. Markup
        // characters stay escaped.
        options.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase,
            json => json.Encoder = JsonText.Encoder);
        options.Events.StreamIdentity = JasperFx.Events.StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        return options;
    }

    /// <summary>The daemon's one projection of a dossier's asynchronous read models (SLA, file, inbox, hand-offs, search).</summary>
    public const string DossierViews = "DossierViews";

    /// <summary>The read models <see cref="DossierViews"/> folds; each keeps a progression row under its own name.</summary>
    public static IReadOnlyList<IProjectionSource<IDocumentOperations, IQuerySession>> DossierViewsReadModels() =>
        [new DossierFileProjection(), new DossierSlaProjection(), new InboxProjection(), new HandOffProjection(), new DossierSearchProjection()];

    /// <summary>
    /// How full PostgreSQL packs the pages of the documents rewritten by most acts (the dossier's state, SLA, file, search
    /// entry, hand-off rows). A write that leaves every indexed column as it was is a HOT update only when the new row
    /// version fits on the same page; at the default of 100 few do (under load 16 % of the SLA document's, 59 % of the
    /// state's). The price is about 40 % more space for these tables (bench/README.md).
    /// </summary>
    public const int RewrittenFillFactor = 70;

    /// <summary>How many documents of each of <see cref="DossierViews"/>' read models the daemon keeps between pages, unless configured.</summary>
    public const int RememberedViewsPerReadModel = 100;

    /// <summary>
    /// Every projection of the product, with its lifecycle chosen on purpose. <paramref name="rememberedViews"/>: documents
    /// of each asynchronous read model the daemon keeps in memory from one page of events to the next (0: none).
    /// </summary>
    public static StoreOptions AddDossierProjections(this StoreOptions options, int rememberedViews = RememberedViewsPerReadModel)
    {
        options.Projections.Add(new DossierStateProjection(), ProjectionLifecycle.Inline);
        // The code as a column of its own, not an index on the JSON: an index on an expression over `data` makes every
        // save of the state (each command) a non-HOT update that writes both indexes again; with the column unchanged
        // PostgreSQL updates the row in place (bench/README.md).
        options.Schema.For<Dossier>().Identity(d => d.Id).Duplicate(d => d.Code!).FillFactor(RewrittenFillFactor);
        options.Projections.Add(new DeskRegisterProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<DeskRegister>().Identity(r => r.Id);
        options.Projections.Add(new WorkflowRecordProjection(), ProjectionLifecycle.Inline);
        // Async: the receipt and the slip read it with FetchLatest (the stored file plus the events not yet applied),
        // so they still show the act just done; the register waits for the daemon to catch up.
        // The asynchronous read models of a dossier run as one projection of the daemon (DossierViews): each page of
        // events is read from PostgreSQL and deserialised once for all of them, not once per read model, and their
        // documents are saved in one transaction per page (bench/README.md).
        options.Projections.CompositeProjectionFor(DossierViews, views =>
        {
            foreach (var readModel in DossierViewsReadModels())
            {
                // The documents a page folds were mostly folded one page earlier (an officer acts on a dossier several
                // times in a few seconds), so the daemon folds onto the ones it saved instead of loading them again:
                // one query and the parsing of every document less per read model and page. A page that fails to
                // commit stops its shard, and a shard starts again with nothing remembered (docs/decisions.md).
                ((ProjectionBase)readModel).Options.CacheLimitPerTenant = rememberedViews;
                views.Add(readModel);
            }
        });
        // What the boards, registers and figures select and page on (issue 18), as duplicated columns, never as indexes
        // on an expression over `data`: such an index counts every save of the document as a change of its key, so
        // each save writes every index of the table again, evaluating each expression on the JSON. With plain columns
        // a save that leaves them as they were (most events change a step, not a key) is a HOT update that writes no
        // index, and one that does not still costs about half. Times are their milliseconds since 1970 (the `…Order`
        // members): Npgsql writes only UTC values to a timestamptz column, and our times carry +07:00
        // (docs/decisions.md; bench/README.md).
        options.Schema.For<DossierFile>().Identity(f => f.Id).Duplicate(f => f.ReceivingAgency!).Duplicate(f => f.ReceivedOrder)
            .FillFactor(RewrittenFillFactor);
        options.Schema.For<InboxItem>().Identity(i => i.Id).Duplicate(i => i.Agency).Duplicate(i => i.Order);
        options.Schema.For<HandOffRow>().Identity(h => h.Id).Duplicate(h => h.GivenOrder).FillFactor(RewrittenFillFactor);
        options.Schema.For<DossierSla>().Identity(d => d.Id)
            .Duplicate(d => d.DueOrder).Duplicate(d => d.IntakeDueOrder).Duplicate(d => d.AcceptedOrder).Duplicate(d => d.EndedOrder)
            .Duplicate(d => d.ReceivingAgency!).Duplicate(d => d.ProcedureCode)
            .Duplicate(d => d.DefinitionId!)   // the heat map of a workflow version (docs/console.md)
            .FillFactor(RewrittenFillFactor);
        options.Schema.For<WorkflowRecord>().Identity(r => r.Id).Index(r => r.ProcedureCode);
        options.AddDossierSearch();
        options.AddCitizenEvaluations();
        options.AddExplanations();
        options.AddCitizenFeedback();
        return options;
    }
}
