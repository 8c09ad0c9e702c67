using Dossiers.Engine.Dossiers;
using Dossiers.Projections;
using Dossiers.Tests.Fixtures;
using Marten;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// The dossier's code moved from an index on the JSON to a column of its own (so that saving the state each command can
/// be a HOT update). A store from before has dossiers and the old index: the schema update must fill the column from
/// the documents and index the column instead. Played in a schema of its own.
/// </summary>
public class when_upgrading_the_dossier_code_index(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Schema = "upgrade_code_test";

    [Fact]
    public async Task the_column_is_filled_from_the_documents_and_indexed_in_place_of_the_expression()
    {
        await Database.Execute($"drop schema if exists {Schema} cascade");
        var id = Guid.NewGuid();
        await using (var before = DocumentStore.For(options =>
        {
            options.UseDossierEventStore(Database, Schema);
            options.Schema.For<Dossier>().Identity(d => d.Id).Index(d => d.Code!);
        }))
        {
            await before.Storage.Database.EnsureStorageExistsAsync(typeof(Dossier));
            await Database.Execute($"insert into {Schema}.mt_doc_dossier (id, data, mt_dotnet_type) values ($1, $2::jsonb, 'Dossier')",
                id, $$"""{"id":"{{id}}","code":"G01.123-261202-0001"}""");
        }

        await using (var after = DocumentStore.For(options => options.UseDossierEventStore(Database, Schema).AddDossierProjections()))
            await after.Storage.Database.EnsureStorageExistsAsync(typeof(Dossier));

        (await Database.Scalar($"select code from {Schema}.mt_doc_dossier where id = $1", id)).ShouldBe("G01.123-261202-0001");
        var indexes = await Database.Rows($"select indexdef from pg_indexes where schemaname = '{Schema}' and tablename = 'mt_doc_dossier'",
            reader => reader.GetString(0));
        indexes.ShouldContain(d => d.Contains("(code)"));
        indexes.ShouldNotContain(d => d.Contains("data ->>"));
        await Database.Execute($"drop schema {Schema} cascade");
    }
}
