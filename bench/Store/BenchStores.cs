using Dossiers.Projections;
using JasperFx.Events;
using Marten;

namespace Dossiers.Bench.Store;

/// <summary>
/// Document stores on the bench database, configured like src/Api/Hosting/DossierStore.cs. The seeding store appends
/// raw (Quick mode, no projections, no hash-chain listener) so a million events load in a minute or two; the
/// projection store is the product's configuration, used to rebuild what the seeding skipped.
/// </summary>
public static class BenchStores
{
    public const string Schema = "dossiers";

    public static DocumentStore ForSeeding(string connectionString) => DocumentStore.For(options =>
    {
        Common(options, connectionString);
        options.Events.AppendMode = EventAppendMode.Quick;
    });

    public static DocumentStore WithProjections(string connectionString) => DocumentStore.For(options =>
    {
        Common(options, connectionString);
        options.AddDossierProjections();
        options.Projections.Errors.SkipApplyErrors = false;
        options.Projections.RebuildErrors.SkipApplyErrors = false;
    });

    private static void Common(StoreOptions options, string connectionString)
    {
        options.UseDossierEventStore(Npgsql.NpgsqlDataSource.Create(connectionString), Schema);
        options.AutoCreateSchemaObjects = JasperFx.AutoCreate.CreateOrUpdate;
    }
}
