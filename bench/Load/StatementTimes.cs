using Npgsql;

namespace Dossiers.Bench.Load;

/// <summary>One statement's share of PostgreSQL's execution time over a load phase, per command the phase completed.</summary>
public sealed record StatementTime(string Statement, double CallsPerCommand, double MsPerCommand, double MeanMs);

/// <summary>
/// Where PostgreSQL's time went in a load phase, by statement (pg_stat_statements, reset as the phase starts): the
/// API's requests and the projection daemon's pages alike, the raw slices between the parts and transaction control
/// left out. A lever or a regression on one statement (a read model's upsert, the append) shows by name, beside the
/// statements of the same minutes, where this noisy machine's throughput would hide it.
/// </summary>
public static class StatementTimes
{
    // The raw slices' statements are left out: their inserts by table, and the pool reset their pool sends after each
    // transaction (the API's pool sends none; the cost phase counts resets on the request path on the wire). Their
    // BEGIN and COMMIT are the same text as ours, which pg_stat_statements counts as one statement (they showed as
    // four BEGINs per command), so transaction control is left out altogether: microseconds a call, and the cost phase
    // counts ours on the wire.
    private const string OfThisDatabase = "dbid = (select oid from pg_database where datname = current_database()) " +
                                          "and query not ilike '%pg_stat_statements%' and query not ilike '%bench_raw%' and query <> 'DISCARD ALL' " +
                                          "and query not ilike 'BEGIN%' and query not in ('COMMIT', 'ROLLBACK')";

    /// <summary>Starts the count; false when pg_stat_statements is not there (the phase then reports none).</summary>
    public static async Task<bool> Reset(NpgsqlDataSource database)
    {
        try
        {
            await using var reset = database.CreateCommand("select pg_stat_statements_reset()");
            await reset.ExecuteScalarAsync();
            return true;
        }
        catch (PostgresException)
        {
            return false;
        }
    }

    /// <summary>The <paramref name="count"/> statements that took the most time since <see cref="Reset"/>.</summary>
    public static async Task<IReadOnlyList<StatementTime>> Top(NpgsqlDataSource database, long commands, int count = 10)
    {
        await using var command = database.CreateCommand(
            $"select left(regexp_replace(query, '\\s+', ' ', 'g'), 100), calls, total_exec_time, mean_exec_time from pg_stat_statements " +
            $"where {OfThisDatabase} order by total_exec_time desc limit {count}");
        await using var reader = await command.ExecuteReaderAsync();
        var top = new List<StatementTime>();
        var per = Math.Max(1, commands);
        while (await reader.ReadAsync())
            top.Add(new StatementTime(reader.GetString(0), Stats.Round((double)reader.GetInt64(1) / per),
                Math.Round(reader.GetDouble(2) / per, 4), Math.Round(reader.GetDouble(3), 4)));
        return top;
    }
}
