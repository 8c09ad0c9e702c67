using Npgsql;

namespace Dossiers.Tests.Fixtures;

/// <summary>Raw SQL on the suite's database, for what a test must do or see below the API: tampering, counting rows.</summary>
public static class Sql
{
    public static async Task<int> Execute(this NpgsqlDataSource database, string sql, params object[] parameters)
    {
        await using var command = Command(database, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> Scalar(this NpgsqlDataSource database, string sql, params object[] parameters)
    {
        await using var command = Command(database, sql, parameters);
        return await command.ExecuteScalarAsync();
    }

    public static async Task<List<T>> Rows<T>(this NpgsqlDataSource database, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = database.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }

    // Positional parameters ($1, $2…), in order.
    private static NpgsqlCommand Command(NpgsqlDataSource database, string sql, object[] parameters)
    {
        var command = database.CreateCommand(sql);
        foreach (var value in parameters) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}

/// <summary>
/// An exclusive lock on one table, held by a transaction of its own until <see cref="Release"/>: the requests that touch
/// the table wait on it, which keeps them running for as long as a test needs.
/// </summary>
public sealed class HeldTable : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly string _table;

    private HeldTable(NpgsqlConnection connection, NpgsqlTransaction transaction, string table) =>
        (_connection, _transaction, _table) = (connection, transaction, table);

    public static async Task<HeldTable> Hold(NpgsqlDataSource database, string table)
    {
        var connection = await database.OpenConnectionAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var hold = new NpgsqlCommand($"lock table {table} in access exclusive mode", connection, transaction))
            await hold.ExecuteNonQueryAsync();
        return new HeldTable(connection, transaction, table);
    }

    /// <summary>Whether some other session waits for the table.</summary>
    public async Task<bool> HasWaiters()
    {
        await using var waiting = new NpgsqlCommand($"select count(*) from pg_locks where not granted and relation = '{_table}'::regclass", _connection, _transaction);
        return (long)(await waiting.ExecuteScalarAsync())! > 0;
    }

    public Task Release() => _transaction.RollbackAsync();

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
