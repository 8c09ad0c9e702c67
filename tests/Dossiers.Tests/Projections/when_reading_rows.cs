using System.Data.Common;
using Dossiers.Projections;
using Dossiers.Tests.Fixtures;
using Marten;

namespace Dossiers.Tests.Projections;

/// <summary>
/// The store reads JSON with <see cref="RowJsonSerializer"/>: every asynchronous read Marten makes through its serializer
/// interface lands on the synchronous parse of the row in memory, and what it reads is what was written (every
/// other test reads its documents and events through it too).
/// </summary>
public class when_reading_rows(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public void every_asynchronous_read_of_a_row_is_ours()
    {
        Store.Options.Serializer().ShouldBeOfType<RowJsonSerializer>();
        var reads = typeof(RowJsonSerializer).GetInterfaces().Select(i => typeof(RowJsonSerializer).GetInterfaceMap(i))
            .SelectMany(map => map.InterfaceMethods.Zip(map.TargetMethods))
            .Where(m => m.First.Name == "FromJsonAsync" && m.First.GetParameters().Any(p => p.ParameterType == typeof(DbDataReader)))
            .ToList();
        reads.Count.ShouldBe(2);   // generic and by type
        reads.ShouldAllBe(m => m.Second.DeclaringType == typeof(RowJsonSerializer));
    }

    [Fact]
    public async Task a_document_reads_back_as_written()
    {
        var at = DateTimeOffset.Parse("2026-12-03T10:00:00+07:00");
        var record = new Dossiers.Api.Dossiers.IdempotencyRecord("row-test|đơn", "fingerprint", 201, "{\"note\":\"đơn giản \\\"quoted\\\" <b>\"}", "\"3\"", "/x", at);
        await using (var session = Store.LightweightSession())
        {
            session.Store(record);
            await session.SaveChangesAsync();
        }
        await using var reader = Store.QuerySession();
        (await reader.LoadAsync<Dossiers.Api.Dossiers.IdempotencyRecord>(record.Id)).ShouldBe(record);
    }
}
