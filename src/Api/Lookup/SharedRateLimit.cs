using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Dossiers.Api.Lookup;

/// <summary>
/// The public lookup's limit per client address, one fixed minute window at a time, counted in PostgreSQL so every
/// node of the centre shares it (a limit per process let N nodes serve N times the permits). One statement per lookup:
/// it counts the hit and answers the count; the first hit of a window also drops windows older than ten minutes.
/// </summary>
public sealed class SharedRateLimit(NpgsqlDataSource database, string schema, int permitsPerMinute, TimeProvider clock)
{
    public const string TableName = "lookup_rate_windows";

    /// <summary>The table, created with the rest of the schema (Marten's extended schema objects).</summary>
    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        table.AddColumn<string>("address").AsPrimaryKey();
        table.AddColumn<DateTimeOffset>("window_start").AsPrimaryKey();
        table.AddColumn<int>("hits").NotNull();
        table.Indexes.Add(new IndexDefinition($"ix_{TableName}_window_start") { Columns = ["window_start"] });
        return table;
    }

    public int PermitsPerMinute => permitsPerMinute;

    /// <summary>Null when the lookup may go ahead; otherwise how long until the address's window ends.</summary>
    public async Task<TimeSpan?> Refusal(string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var window = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        await using var command = database.CreateCommand(
            $"with hit as (insert into {schema}.{TableName} as w (address, window_start, hits) values ($1, $2, 1) " +
            "on conflict (address, window_start) do update set hits = w.hits + 1 returning hits), " +
            $"purged as (delete from {schema}.{TableName} where window_start < $2 - interval '10 minutes' and (select hits from hit) = 1) " +
            "select hits from hit");
        command.Parameters.Add(new NpgsqlParameter { Value = address });
        command.Parameters.Add(new NpgsqlParameter { Value = window });
        var hits = (int)(await command.ExecuteScalarAsync(ct))!;
        return hits <= permitsPerMinute ? null : window.AddMinutes(1) - now;
    }
}
