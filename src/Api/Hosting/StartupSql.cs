using Marten;
using Npgsql;

namespace Dossiers.Api.Hosting;

/// <summary>One statement a node runs on its store as it starts, before it serves (the store's IInitialData).</summary>
internal static class StartupSql
{
    public static async Task Run(IDocumentStore store, string sql, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }
}
