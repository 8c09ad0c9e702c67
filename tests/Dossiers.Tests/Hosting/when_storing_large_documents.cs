using Dossiers.Tests.Fixtures;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// A document past PostgreSQL's inline limit (about 2 KB, the SLA document of a long dossier) is compressed on every
/// write; the service asks for lz4, several times cheaper than the server's default pglz.
/// </summary>
public class when_storing_large_documents(AppFixture fixture) : IntegrationContext(fixture)
{
    public sealed record Bulky(Guid Id, string[] Lines);

    [Fact]
    public async Task they_are_compressed_with_lz4()
    {
        var bulky = new Bulky(Guid.CreateVersion7(), [.. Enumerable.Range(0, 200).Select(i => $"bước {i}: thẩm định hồ sơ")]);
        await using (var session = Store.LightweightSession())
        {
            session.Store(bulky);
            await session.SaveChangesAsync();
        }

        var table = Store.Options.FindOrResolveDocumentType(typeof(Bulky)).TableName.QualifiedName;
        await using var connection = await Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"select pg_column_compression(data) from {table} where id = $1", connection)
            { Parameters = { new() { Value = bulky.Id } } };
        (await command.ExecuteScalarAsync()).ShouldBe("lz4");
    }
}
