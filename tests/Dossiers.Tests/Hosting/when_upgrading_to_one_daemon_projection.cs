using Dossiers.Api.Hosting;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// A store from before <c>DossierViews</c> has a progression row per read model and none for the daemon projection that
/// now folds them: the projection must start where the read models were, not at event 0 (which would fold the whole
/// history onto documents that already hold it). Played on a progression table of its own schema.
/// </summary>
public class when_upgrading_to_one_daemon_projection(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Schema = "upgrade_views_test";

    private async Task Progression(params (string Name, long Sequence)[] rows)
    {
        await Database.Execute($"drop schema if exists {Schema} cascade; create schema {Schema}; " +
                               $"create table {Schema}.mt_event_progression (name varchar primary key, last_seq_id bigint, last_updated timestamptz default now())");
        foreach (var (name, sequence) in rows)
            await Database.Execute($"insert into {Schema}.mt_event_progression (name, last_seq_id) values ($1, $2)", name, sequence);
    }

    private async Task<long?> Views() =>
        await Database.Scalar($"select last_seq_id from {Schema}.mt_event_progression where name = 'DossierViews:All'") as long?;

    [Fact]
    public async Task the_projection_starts_where_the_slowest_read_model_was()
    {
        await Progression(("DossierSla:All", 900), ("DossierFile:All", 880), ("InboxItem:All", 900), ("HandOffRow:All", 900),
            ("DossierSearchEntry:All", 900), ("HighWaterMark", 950));
        await new DossierViewsUpgrade(Schema).Populate(Store, CancellationToken.None);
        (await Views()).ShouldBe(880);
    }

    [Fact]
    public async Task a_projection_that_already_runs_and_a_new_store_are_left_alone()
    {
        await Progression(("DossierViews:All", 1200), ("DossierSla:All", 1200), ("HighWaterMark", 1200));
        await new DossierViewsUpgrade(Schema).Populate(Store, CancellationToken.None);
        (await Views()).ShouldBe(1200);

        await Progression(("HighWaterMark", 10));
        await new DossierViewsUpgrade(Schema).Populate(Store, CancellationToken.None);
        (await Views()).ShouldBeNull();

        await Database.Execute($"drop schema {Schema} cascade");
        await new DossierViewsUpgrade(Schema).Populate(Store, CancellationToken.None);   // no table yet: nothing to do
    }
}
