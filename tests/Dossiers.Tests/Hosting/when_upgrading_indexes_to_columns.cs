using Dossiers.Engine.Dossiers;
using Dossiers.Projections;
using Dossiers.Projections.Boards;
using Dossiers.Projections.Registers;
using Dossiers.Projections.Search;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Fixtures;
using Marten;
using Weasel.Postgresql.Tables;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// The dossier's code and the read models' keys moved from indexes on the JSON to columns of their own (so that a
/// write leaving them as they were can be a HOT update). A store from before has documents and the old indexes: the
/// schema update must fill the columns from the documents and index the columns instead. The search reads its columns
/// in SQL of its own, so an entry from before must be found by them. Played in a schema of its own.
/// </summary>
public class when_upgrading_indexes_to_columns(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Schema = "upgrade_code_test";

    [Fact]
    public async Task the_columns_are_filled_from_the_documents_and_indexed_in_place_of_the_expressions()
    {
        await Database.Execute($"drop schema if exists {Schema} cascade");
        var id = Guid.NewGuid();
        await using (var before = DocumentStore.For(options =>
        {
            options.UseDossierEventStore(Database, Schema);
            options.Storage.ExtendedSchemaObjects.Add(new Weasel.Postgresql.Extension("pg_trgm"));
            options.Schema.For<Dossier>().Identity(d => d.Id).Index(d => d.Code!);
            options.Schema.For<DossierSearchEntry>().Identity(e => e.Id)
                .Index(e => e.SearchText, index => { index.Method = IndexMethod.gin; index.Mask = "? gin_trgm_ops"; })
                .Index(e => e.ListedOrder).Index(e => e.PickupCentre!);
        }))
        {
            await before.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await Database.Execute($"insert into {Schema}.mt_doc_dossier (id, data, mt_dotnet_type) values ($1, $2::jsonb, 'Dossier')",
                id, $$"""{"id":"{{id}}","code":"G01.123-261202-0001"}""");
            await Database.Execute($"insert into {Schema}.mt_doc_dossiersearchentry (id, data, mt_dotnet_type) values ($1, $2::jsonb, 'Entry')",
                id, $$"""{"id":"{{id}}","searchText":"nguyen van an g01.123-261202-0001","listedOrder":1764633600000,"pickupCentre":"G01.123"}""");
        }

        await using (var after = DocumentStore.For(options => options.UseDossierEventStore(Database, Schema).AddDossierProjections()))
        {
            await after.Storage.Database.EnsureStorageExistsAsync(typeof(Dossier));
            await after.Storage.Database.EnsureStorageExistsAsync(typeof(DossierSearchEntry));
        }

        (await Database.Scalar($"select code from {Schema}.mt_doc_dossier where id = $1", id)).ShouldBe("G01.123-261202-0001");
        (await Database.Scalar($"select count(*) from {Schema}.mt_doc_dossiersearchentry where search_text like '%van an%' " +
                               "and listed_order = 1764633600000 and pickup_centre = 'G01.123'")).ShouldBe(1L);
        var indexes = await Database.Rows($"select indexdef from pg_indexes where schemaname = '{Schema}' " +
                                          "and tablename in ('mt_doc_dossier', 'mt_doc_dossiersearchentry')", reader => reader.GetString(0));
        indexes.ShouldContain(d => d.Contains("(code)"));
        indexes.ShouldContain(d => d.Contains("gin (search_text"));
        indexes.ShouldNotContain(d => d.Contains("data ->>"));
        await Database.Execute($"drop schema {Schema} cascade");
    }

    /// <summary>
    /// The documents rewritten on every act (the dossier inline; the SLA, file, inbox, hand-off and search read models by
    /// the daemon) keep every key they are selected or paged by in a column: one index on an expression over the JSON
    /// would make each save of the document write all of the table's indexes again.
    /// </summary>
    [Fact]
    public async Task the_documents_rewritten_on_every_act_index_columns_only_and_leave_room_on_their_pages()
    {
        await Database.Execute($"drop schema if exists {Schema} cascade");
        await using (var store = DocumentStore.For(options => options.UseDossierEventStore(Database, Schema).AddDossierProjections()))
            foreach (var type in new[] { typeof(Dossier), typeof(DossierSla), typeof(DossierFile), typeof(InboxItem), typeof(HandOffRow), typeof(DossierSearchEntry) })
                await store.Storage.Database.EnsureStorageExistsAsync(type);

        var indexes = await Database.Rows($"select tablename || ': ' || indexdef from pg_indexes where schemaname = '{Schema}' and tablename in " +
                                          "('mt_doc_dossier', 'mt_doc_dossiersla', 'mt_doc_dossierfile', 'mt_doc_inboxitem', 'mt_doc_handoffrow', 'mt_doc_dossiersearchentry')",
            reader => reader.GetString(0));
        indexes.Count.ShouldBe(6 + 1 + 7 + 2 + 2 + 1 + 3);   // a primary key each, then each table's keys
        indexes.ShouldAllBe(d => !d.Contains("data"));
        indexes.ShouldContain(d => d.StartsWith("mt_doc_dossiersla") && d.Contains("(ended_order)"));
        // Room on each page for the next version of a row (the inbox's rows are inserted and deleted, not rewritten).
        var packed = await Database.Rows($"select c.relname || ' ' || coalesce(array_to_string(c.reloptions, ','), '') from pg_class c " +
                                         $"join pg_namespace n on n.oid = c.relnamespace where n.nspname = '{Schema}' and c.relkind = 'r' and c.relname like 'mt_doc_%'",
            reader => reader.GetString(0));
        packed.ShouldBe(["mt_doc_dossier fillfactor=70", "mt_doc_dossierfile fillfactor=70", "mt_doc_dossiersearchentry fillfactor=70",
            "mt_doc_dossiersla fillfactor=70", "mt_doc_handoffrow fillfactor=70", "mt_doc_inboxitem "], ignoreOrder: true);
        await Database.Execute($"drop schema {Schema} cascade");
    }
}
