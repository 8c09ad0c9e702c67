using Dossiers.Api.Hosting;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// PostgreSQL's statistics leave out the JSON of documents and events (NoStatisticsOnJson): gathering them sorts whole
/// documents, and no query is planned from them. The columns queries select on keep theirs.
/// </summary>
public class when_analyzing_the_tables(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task the_json_columns_get_no_statistics_and_the_keys_still_do()
    {
        var schema = DossierStore.DefaultSchema;
        // As a store made before this setting has them (the node set them at start; this puts one back).
        await Database.Execute($"alter table {schema}.mt_events alter column headers set statistics -1");

        await new NoStatisticsOnJson(schema).Populate(Store, default);

        var targets = await Database.Rows($"""
            select c.relname || '.' || a.attname, a.attstattarget from pg_attribute a join pg_class c on c.oid = a.attrelid
            where c.relnamespace = '{schema}'::regnamespace and c.relname in ('mt_events', 'mt_doc_dossier', 'mt_doc_dossiersla')
              and a.attname in ('data', 'headers', 'stream_id', 'due_order')
            order by 1
            """, r => (r.GetString(0), (int)r.GetInt16(1)));
        targets.ShouldBe([("mt_doc_dossier.data", 0), ("mt_doc_dossiersla.data", 0), ("mt_doc_dossiersla.due_order", -1),
            ("mt_events.data", 0), ("mt_events.headers", 0), ("mt_events.stream_id", -1)]);
    }

    [Fact]
    public async Task a_table_busy_at_start_waits_for_the_next_start()
    {
        var schema = DossierStore.DefaultSchema;
        await Database.Execute($"alter table {schema}.mt_doc_dossiersla alter column data set statistics -1");

        await using (var held = await HeldTable.Hold(Database, $"{schema}.mt_doc_dossiersla"))
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            await new NoStatisticsOnJson(schema).Populate(Store, default);
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), "a second's wait for the table, then on");
            (await Target(schema, "mt_doc_dossiersla")).ShouldBe(-1);
            await held.Release();
        }

        await new NoStatisticsOnJson(schema).Populate(Store, default);
        (await Target(schema, "mt_doc_dossiersla")).ShouldBe(0);
    }

    private async Task<int> Target(string schema, string table) => Convert.ToInt32(await Database.Scalar(
        $"select attstattarget from pg_attribute where attrelid = '{schema}.{table}'::regclass and attname = 'data'"));
}
