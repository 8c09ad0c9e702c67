using System.Net;
using Dossiers.Api.Audit;
using Dossiers.Api.Auth;
using Dossiers.Api.Files;
using Dossiers.Projections.Audit;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static Dossiers.Tests.Files.FileUploadRequests;

namespace Dossiers.Tests.Files;

/// <summary>
/// The hash chain covers each file's hash; <c>verify</c> re-hashes the stored bytes against it, so a scan edited in
/// the database is named by its dossier and hash, like an edited event.
/// </summary>
public class when_verifying_stored_files(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string KonTum = "057.01.90.H48";

    // Marten's reset leaves the file store's own tables alone: each test starts with none stored.
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.Execute($"truncate {Store.Options.DatabaseSchemaName}.{PostgresFileStore.BlobTable}, {Store.Options.DatabaseSchemaName}.{PostgresFileStore.ChunkTable}");
    }

    private async Task<(int ExitCode, string Output)> Verify()
    {
        var output = new StringWriter();
        return (await AuditCommands.Verify(Host.Services.GetRequiredService<ChainVerifier>(), output), output.ToString());
    }

    [Fact]
    public async Task a_chunk_edited_with_sql_is_named_by_dossier_and_hash()
    {
        var desk = Token(Roles.Desk, KonTum, "desk.lan");
        var dossier = await Host.SubmittedDossier(desk);
        var bytes = Pdf(600 * 1024, seed: 11);
        using (var uploaded = await Host.Server.CreateClient().Upload(dossier.Id, desk, Multipart(bytes, "scan.pdf")))
            uploaded.StatusCode.ShouldBe(HttpStatusCode.Created);
        var sha256 = Sha256(bytes);
        (await Verify()).ExitCode.ShouldBe(0);

        var schema = Store.Options.DatabaseSchemaName;
        (await Database.Execute($"update {schema}.{PostgresFileStore.ChunkTable} c set data = set_byte(data, 1000, (get_byte(data, 1000) + 1) % 256) " +
            $"from {schema}.{PostgresFileStore.BlobTable} b where b.upload_id = c.upload_id and b.sha256 = $1 and c.seq = 1", sha256)).ShouldBe(1);

        var (exitCode, output) = await Verify();
        exitCode.ShouldBe(1);
        output.ShouldContain($"stream {dossier.Id}");
        output.ShouldContain($"FileChanged: File sha256 {sha256}");
        (await Host.Services.GetRequiredService<ChainVerifier>().Verify(dossier.Id))!.Problems
            .ShouldHaveSingleItem().Kind.ShouldBe(ChainProblemKind.FileChanged);

        await Database.Execute($"delete from {schema}.{PostgresFileStore.BlobTable} where sha256 = $1", sha256);
        (await Verify()).Output.ShouldContain($"FileMissing: File sha256 {sha256}");
    }
}
