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
