using System.Text.Json;
using System.Text.Json.Serialization;
using Dossiers.Api.Dvcqg;
using Dossiers.Projections;
using Dossiers.Projections.Audit;
using Dossiers.Projections.Dossiers;
using Dossiers.Engine.Dossiers;
using Npgsql;
using JasperFx.Events.Daemon;
using Marten;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Http;
using Wolverine.Marten;

namespace Dossiers.Api.Hosting;

public static class DossierStore
{
    /// <summary>Schema that holds the event store, the read models and Wolverine's durable messages.</summary>
    public const string DefaultSchema = "dossiers";

    /// <summary>The connection string: DOSSIERS_DB wins, then ConnectionStrings:Dossiers.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration["DOSSIERS_DB"] is { Length: > 0 } fromEnv ? fromEnv
        : configuration.GetConnectionString("Dossiers") is { Length: > 0 } configured ? configured
        : throw new InvalidOperationException(
            "No database configured: set DOSSIERS_DB or ConnectionStrings:Dossiers (./run.sh and ./test.sh do it for you).");

    public static WebApplicationBuilder AddDossierStore(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var connectionString = Tuned(ConnectionString(configuration), configuration);
        var schema = configuration["Marten:Schema"] ?? DefaultSchema;
        var solo = configuration.GetValue("Wolverine:Solo", false);

        builder.Services.AddSingleton(OffsetClock.From(configuration, builder.Environment));
        // Who changes the schema: in Production nobody at run time (two nodes starting at once both created it, and
        // one start answered 500 on "relation already exists"); `resources setup` applies it once before nodes start
        // (README). Elsewhere, and in Production with Database:ApplySchemaOnStart, Marten and Wolverine create and
        // update what they miss.
        var applySchema = configuration.GetValue("Database:ApplySchemaOnStart", !builder.Environment.IsProduction());
        var autoCreate = applySchema ? JasperFx.AutoCreate.CreateOrUpdate : JasperFx.AutoCreate.None;
        JasperFx.JasperFxServiceCollectionExtensions.CritterStackDefaults(builder.Services, defaults =>
        {
            defaults.Production.ResourceAutoCreate = autoCreate;
            defaults.Development.ResourceAutoCreate = autoCreate;
        });
        // One connection pool for the whole process: Marten, Wolverine's message store, the async daemon, and the raw
        // reads Marten does not do for us (chain heads, chain verification, health). Its size is the process's budget
        // of PostgreSQL connections (Database:MaxPoolSize); a request that finds it exhausted is answered 503.
        var database = NpgsqlDataSource.Create(connectionString);
        builder.Services.AddSingleton(database);
        // With the file store, `verify` also re-hashes every file an event attached.
        builder.Services.AddSingleton(services => new ChainVerifier(database, schema, services.GetService<Files.IFileStore>()));
        // The states the last commands saved, kept for the next command on the same dossier and for reads of it: they
        // then read the stream's version, not the document (Commands:CachedDossiers, 0 = off; RecentDossierStates).
        var recentStates = new RecentDossierStates(configuration.GetValue("Commands:CachedDossiers", 5_000));
        builder.Services.AddSingleton(recentStates);
        builder.Services.AddMarten(options =>
            {
                options.UseDossierEventStore(database, schema);
                options.AddDossierProjections(configuration.GetValue("Projections:RememberedViews", ProjectionsRegistration.RememberedViewsPerReadModel));
                // The personal-data access log: append-only rows, read by date, dossier or user.
                options.Schema.For<Privacy.PersonalDataRead>().Identity(r => r.Id).Index(r => r.At).Index(r => r.DossierId!).Index(r => r.User);
                // Remembered answers for Idempotency-Key retries, purged by age. Registered so `resources setup` creates it.
                options.Schema.For<Dossiers.IdempotencyRecord>().Identity(r => r.Id).Index(r => r.At);
                options.Listeners.Add(new HashChainListener(database, schema));
                if (recentStates.IsOn)
                {
                    options.Events.CacheAggregatesForWriting<Dossier>();
                    options.Events.AggregateWriteCaching.Cache = recentStates;
                    options.Listeners.Add(recentStates);
                }
                options.Storage.ExtendedSchemaObjects.Add(Lookup.SharedRateLimit.Table(schema));
                // Files' bytes, content-addressed (src/Api/Files).
                options.Storage.ExtendedSchemaObjects.AddRange(Files.PostgresFileStore.Tables(schema));
                // Each dossier's sync with the national portal, written by its sender (src/Api/Dvcqg); registered even
                // while sync is off, so the route answers and `resources setup` creates the table.
                options.Schema.For<Dvcqg.DvcqgSyncState>().Identity(s => s.Id).Index(s => s.State).Index(s => s.UpdatedAt);
                // A projection that cannot apply an event must stop and be fixed, not skip it silently.
                options.Projections.Errors.SkipApplyErrors = false;
                options.Projections.RebuildErrors.SkipApplyErrors = false;
                // A rolled-back append leaves a gap in the event sequence; by default the daemon waits 3 s before
                // skipping it. Marten's transaction evidence (on by default) keeps a quicker skip safe: it holds while
                // a live transaction could still fill the gap. Boards then lag by a fraction of a second, not seconds.
                options.Projections.StaleSequenceThreshold = TimeSpan.FromMilliseconds(500);
                // While events keep coming the daemon polls at this pace: each poll loads, folds and saves the read
                // models of every dossier touched since the last one, so a longer pause folds more events per save.
                options.Projections.FastPollingTime = configuration.GetValue("Projections:BusyPolling", TimeSpan.FromMilliseconds(100));
                // The daemon polls every 250 ms when idle instead of being woken by a NOTIFY on each append: a NOTIFY
                // serialises every committing transaction in PostgreSQL, and at 32 officers it cost more than half the
                // throughput and raised the lag (bench/README.md). Both are configurable.
                options.Projections.SlowPollingTime = configuration.GetValue("Projections:IdlePolling", TimeSpan.FromMilliseconds(250));
                options.Events.UseListenNotifyForEventAppends = configuration.GetValue("Projections:NotifyOnAppend", false);
            })
            .UseLightweightSessions()
            .ApplyingSchemaOnStart(applySchema)
            .InitializeWith(new DossierViewsUpgrade(schema))
            .InitializeWith(new NoStatisticsOnJson(schema))
            // One node runs each async projection: Solo for a single process, HotCold (advisory-lock leader) for several.
            .AddAsyncDaemon(solo ? DaemonMode.Solo : DaemonMode.HotCold)
            // The national portal's sender: a subscription of that same daemon, so one node sends, in order.
            .AddDvcqgSubscription(configuration)
            .IntegrateWithWolverine(x => x.MessageStorageSchemaName = schema);

        builder.Host.UseWolverine(options =>
        {
            // The endpoints' and handlers' adaptor code is generated ahead of time (src/Api/Internal/Generated, written by
            // scripts/codegen.sh and checked by a test to be current) and compiled into this assembly, so a fresh
            // process neither starts Roslyn nor compiles an endpoint on its first request. Auto: a handler added since
            // the last generation is still compiled at runtime (nothing is written to disk while serving).
            options.ApplicationAssembly = typeof(DossierStore).Assembly;
            options.CodeGeneration.TypeLoadMode = JasperFx.CodeGeneration.TypeLoadMode.Auto;
            options.CodeGeneration.SourceCodeWritingEnabled = false;
            if (configuration["CodeGeneration:OutputPath"] is { Length: > 0 } output) options.CodeGeneration.GeneratedCodeOutputPath = output;
            options.Policies.AutoApplyTransactions();
            options.Policies.UseDurableLocalQueues();
            // Several API processes may share one database; tests and the single-node run use Solo.
            options.Durability.Mode = solo ? DurabilityMode.Solo : DurabilityMode.Balanced;
            options.Durability.ScheduledJobPollingTime = configuration.GetValue("Wolverine:ScheduledJobPollingTime", TimeSpan.FromSeconds(1));
            // Wolverine's own envelope counts are off: every 5 s they count every row of its inbox, which holds each open
            // dossier's deadline timers, so the scan grows with the dossiers in progress (71 ms a time on 66,000 timers
            // in the bench). `dossiers_timers_due` (StoreGauges) answers what an operator asks of it, from an index.
            options.Durability.DurabilityMetricsEnabled = configuration.GetValue("Wolverine:DurabilityMetrics", false);
            // A message handler (a deadline timer) that loses a race, a lock wait or a deadlock tries again on fresh state.
            options.OnException<JasperFx.ConcurrencyException>().Or<Marten.Exceptions.StreamLockedException>().Or<JasperFx.Events.StreamLockedException>()
                .Or<Exception>(e => e is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected }
                    || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.DeadlockDetected })
                .RetryWithCooldown(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1))
                .Then.ScheduleRetry(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1));
        });

        // After Wolverine's Marten integration (an extension registered by IntegrateWithWolverine above).
        builder.Services.AddSingleton<IWolverineExtension, FetchEachAggregateOnItsOwn>();
        builder.Services.ConfigureHttpJsonOptions(json => ConfigureJson(json.SerializerOptions));
        builder.Services.AddWolverineHttp();
        return builder;
    }

    /// <summary>
    /// An endpoint's aggregate is fetched by Marten's own FetchForWriting, not through a batch query. Wolverine batches the
    /// loads of an HTTP endpoint, even its only one (every batch in our generated code holds one fetch, so no round trip is
    /// saved), and Marten's batched fetch never consults its cache of aggregates for writing (RecentDossierStates): the
    /// cache would sit unused.
    /// </summary>
    public sealed class FetchEachAggregateOnItsOwn : IWolverineExtension
    {
        public void Configure(WolverineOptions options) =>
            options.CodeGeneration.MethodPreCompilation.RemoveAll(policy => policy.GetType().Name == "MartenBatchingPolicy");
    }

    /// <summary>
    /// Pool settings measured in ./bench.sh (bench/README.md), each overridable in the connection string itself:
    /// no DISCARD ALL when a connection goes back to the pool, so PostgreSQL keeps the plans of Marten's statements
    /// (nothing we run leaves session state behind: locks are transaction-scoped, no SET); auto-preparation of
    /// statements used twice; a pool sized for the machine (Database:MaxPoolSize, 16 by default), since more
    /// connections than cores only queue inside PostgreSQL; and lz4 for documents large enough to be compressed
    /// (Database:ToastCompression, empty for the server's default): PostgreSQL's own pglz took about 1 % of the
    /// machine under load, compressing the SLA document on every write.
    /// </summary>
    public static string Tuned(string connectionString, IConfiguration configuration)
    {
        var compression = configuration.GetValue("Database:ToastCompression", "lz4");
        // Our defaults first: a key the given connection string sets again wins, as the later one does in any connection string.
        return new NpgsqlConnectionStringBuilder(
            $"No Reset On Close=true;Max Auto Prepare=64;Auto Prepare Min Usages=2;Maximum Pool Size={configuration.GetValue("Database:MaxPoolSize", 16)};"
            + (string.IsNullOrWhiteSpace(compression) ? "" : $"Options='-c default_toast_compression={compression}';")
            + connectionString).ConnectionString;
    }

    /// <summary>One JSON convention for requests and responses: camelCase, enums as camelCase strings, strict numbers.</summary>
    public static void ConfigureJson(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        json.NumberHandling = JsonNumberHandling.Strict;
        json.Encoder = global::Dossiers.Projections.JsonText.Encoder;
    }

    // Everything Marten owns (documents, events, our extra tables), created or updated before the host serves.
    private static MartenServiceCollectionExtensions.MartenConfigurationExpression ApplyingSchemaOnStart(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, bool apply) =>
        apply ? marten.ApplyAllDatabaseChangesOnStartup() : marten;
}
