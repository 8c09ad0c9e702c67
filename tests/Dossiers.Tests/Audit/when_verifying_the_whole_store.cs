using Dossiers.Api.Audit;
using Dossiers.Api.Auth;
using Dossiers.Projections;
using Dossiers.Projections.Audit;
using Dossiers.Tests.Fixtures;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Dossiers.Tests.Audit;

/// <summary>
/// <c>verify</c> on a store nobody touched says so, whatever Marten wrote there itself (tombstones of failed saves),
/// and still names every row that was edited by hand.
/// </summary>
public class when_verifying_the_whole_store(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Centre = "057.01.90.H48";

    private ChainVerifier Verifier => Host.Services.GetRequiredService<ChainVerifier>();

    private async Task<(int ExitCode, string Output)> Verify()
    {
        var output = new StringWriter();
        return (await AuditCommands.Verify(Verifier, output), output.ToString());
    }

    private async Task<Guid[]> AcceptedAtOnce(int count)
    {
        var desk = Token(Roles.Desk, agency: Centre, user: "desk.lan");
        var submitted = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Host.SubmittedDossier(desk)));
        await Task.WhenAll(submitted.Select(d => Host.Command($"/api/dossiers/{d.Id}/accept", desk)));
        return [.. submitted.Select(d => d.Id)];
    }

    [Fact]
    public async Task sixteen_concurrent_accepts_leave_every_chain_intact()
    {
        await AcceptedAtOnce(16);

        var (exitCode, output) = await Verify();

        output.ShouldContain("every hash chain is intact");
        exitCode.ShouldBe(0);
    }

    public sealed record Scribbled(string Text);

    [Fact]
    public async Task tombstones_of_a_failed_save_are_not_tampering_but_a_row_slipped_in_among_them_is()
    {
        var dossier = (await AcceptedAtOnce(1)).Single();
        // A save that fails after its events were numbered: Marten's Rich append numbers events before it writes them,
        // and fills the numbers of a failed save with tombstones.
        await using (var rich = DocumentStore.For(options =>
        {
            options.UseDossierEventStore(Database, Store.Options.DatabaseSchemaName);
            options.Events.AppendMode = EventAppendMode.Rich;
            options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;   // the host's schema as it is: Quick append's function stays
        }))
        await using (var session = rich.LightweightSession())
        {
            session.Events.Append(dossier, 1, new Scribbled("a stale write"));
            await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync());
        }
        (await Database.Scalar($"select count(*) from {Store.Options.DatabaseSchemaName}.mt_events where stream_id = $1", ChainVerifier.TombstoneStream))
            .ShouldBeOfType<long>().ShouldBeGreaterThan(0);

        (await Verify()).ExitCode.ShouldBe(0);

        await Database.Execute($"update {Store.Options.DatabaseSchemaName}.mt_events set data = '{{\"text\":\"forged\"}}' " +
                     "where seq_id = (select max(seq_id) from " + Store.Options.DatabaseSchemaName + ".mt_events where stream_id = $1)",
            ChainVerifier.TombstoneStream);
        var (exitCode, output) = await Verify();
        exitCode.ShouldBe(1);
        output.ShouldContain($"stream {ChainVerifier.TombstoneStream}");
        output.ShouldContain("not an empty tombstone");
    }

    [Fact]
    public async Task an_edited_event_is_named()
    {
        var dossier = (await AcceptedAtOnce(1)).Single();

        await Database.Execute($"update {Store.Options.DatabaseSchemaName}.mt_events set data = jsonb_set(data, '{{note}}', '\"edited\"') " +
                     "where stream_id = $1 and version = 1", dossier);

        var (exitCode, output) = await Verify();
        exitCode.ShouldBe(1);
        output.ShouldContain($"stream {dossier}");
        output.ShouldContain("v1 Changed");
    }
}
