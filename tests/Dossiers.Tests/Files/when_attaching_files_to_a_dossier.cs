using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dossiers.Engine.Dossiers;
using Dossiers.Api.Auth;
using Dossiers.Api.Files;
using Dossiers.Api.Privacy;
using Dossiers.Tests.Fixtures;
using Marten;
using static Dossiers.Tests.Files.FileUploadRequests;

namespace Dossiers.Tests.Files;

/// <summary>
/// Scans and signed documents go with the dossier: streamed into PostgreSQL, stored once per content, typed by their
/// bytes, read only by the units working on the dossier (and on the access log), never after the dossier has ended.
/// </summary>
public class when_attaching_files_to_a_dossier(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string KonTum = "057.01.90.H48", KonTumPolice = "057.02.90.H48", CamThanhPolice = "004.02.90.H48";
    private const string Document = "Tờ khai thay đổi thông tin cư trú";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private string Desk => Token(Roles.Desk, KonTum, "desk.lan");

    // Marten's reset leaves the file store's own tables alone: each test starts with none stored.
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Database.Execute($"truncate {Store.Options.DatabaseSchemaName}.{PostgresFileStore.BlobTable}, {Store.Options.DatabaseSchemaName}.{PostgresFileStore.ChunkTable}");
    }
    private HttpClient Client => Host.Server.CreateClient();
    private string Schema => Store.Options.DatabaseSchemaName;

    private async Task<Guid> AcceptedDossier()
    {
        var dossier = await Host.SubmittedDossier(Desk);
        await Host.Command($"/api/dossiers/{dossier.Id}/accept", Desk);
        return dossier.Id;
    }

    private static async Task<AttachedFileView> Read(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<AttachedFileView>(DossierJson()))!;

    private static JsonSerializerOptions DossierJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Dossiers.Api.Hosting.DossierStore.ConfigureJson(json);
        return json;
    }

    private async Task<long> Rows(string table, string? sha256 = null) => (long)(sha256 is null
        ? await Database.Scalar($"select count(*) from {Schema}.{table}")
        : table == PostgresFileStore.BlobTable
            ? await Database.Scalar($"select count(*) from {Schema}.{table} where sha256 = $1", sha256)
            : await Database.Scalar($"select count(*) from {Schema}.{PostgresFileStore.ChunkTable} c join {Schema}.{PostgresFileStore.BlobTable} b " +
                "on b.upload_id = c.upload_id where b.sha256 = $1", sha256))!;

    [Fact]
    public async Task an_uploaded_pdf_comes_back_byte_for_byte_with_its_detected_type_and_its_vietnamese_name()
    {
        var id = await AcceptedDossier();
        var bytes = Pdf(700 * 1024 + 17);   // three chunks, the last one short
        const string name = "Tờ khai cư trú – bản quét.pdf";

        using var uploaded = await Client.Upload(id, Desk, Multipart(bytes, name, declaredType: "image/png", document: Document));

        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var file = await Read(uploaded);
        file.Sha256.ShouldBe(Sha256(bytes));
        file.Size.ShouldBe(bytes.Length);
        file.MediaType.ShouldBe("application/pdf");   // by content: the declared image/png is ignored
        file.FileName.ShouldBe(name);
        file.Document.ShouldBe(Document);
        file.Kind.ShouldBe(FileKind.Document);
        file.By.ShouldBe("desk.lan");
        uploaded.Headers.Location!.ToString().ShouldBe($"/api/dossiers/{id}/files/{file.Sha256}");

        using var downloaded = await Client.Get($"/api/dossiers/{id}/files/{file.Sha256}", Desk);
        downloaded.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await downloaded.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
        downloaded.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        downloaded.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        downloaded.Content.Headers.ContentDisposition.FileNameStar.ShouldBe(name);   // RFC 5987: UTF-8''T%E1%BB%9D…

        using var listed = await Client.Get($"/api/dossiers/{id}/files", Desk);
        var list = (await listed.Content.ReadFromJsonAsync<DossierFiles>(DossierJson()))!;
        list.Files.Select(f => f.Sha256).ShouldBe([file.Sha256]);
        await using var session = Store.QuerySession();
        var attached = (await session.Events.FetchStreamAsync(id)).Select(e => e.Data).OfType<FileAttached>().Single();
        (attached.Sha256, attached.Size, attached.MediaType, attached.AttachedBy.User).ShouldBe((file.Sha256, (long)bytes.Length, "application/pdf", "desk.lan"));
    }

    [Fact]
    public async Task the_same_file_twice_is_stored_once()
    {
        var (first, second) = (await AcceptedDossier(), await AcceptedDossier());
        var bytes = Png(300 * 1024, seed: 42);

        using var once = await Client.Upload(first, Desk, Multipart(bytes, "scan.png", document: Document));
        using var again = await Client.Upload(second, Desk, Multipart(bytes, "scan-again.png", document: Document));
        using var retried = await Client.Upload(first, Desk, Multipart(bytes, "scan.png", document: Document));

        once.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);   // the same bytes as the same document: nothing new
        var sha256 = Sha256(bytes);
        (await Rows(PostgresFileStore.BlobTable, sha256)).ShouldBe(1);
        (await Rows(PostgresFileStore.ChunkTable, sha256)).ShouldBe(2);   // 300 KiB in chunks of 256 KiB, once
        (await Rows(PostgresFileStore.ChunkTable)).ShouldBe(2);           // the dropped duplicates left no chunk behind
        await using var session = Store.QuerySession();
        (await session.Events.QueryRawEventDataOnly<FileAttached>().CountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task the_same_new_file_sent_four_times_at_once_is_stored_once_and_attached_once_per_dossier()
    {
        var (first, second) = (await AcceptedDossier(), await AcceptedDossier());
        var bytes = Pdf(600 * 1024, seed: 77);

        var answers = await Task.WhenAll(new[] { first, second, first, second }.Select(async id =>
        {
            using var answer = await Client.Upload(id, Desk, Multipart(bytes, "scan.pdf", document: Document));
            return (id, answer.StatusCode);
        }));

        foreach (var id in new[] { first, second })
            answers.Where(a => a.id == id).Select(a => a.StatusCode).OrderBy(s => s).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Created]);
        (await Rows(PostgresFileStore.BlobTable)).ShouldBe(1);
        (await Rows(PostgresFileStore.ChunkTable)).ShouldBe(3);
    }

    [Theory]
    [InlineData("program.exe", "application/x-msdownload", "Windows executable")]
    [InlineData("renamed.pdf", "application/pdf", "Windows executable")]
    public async Task an_executable_is_refused_by_its_content_whatever_its_name(string name, string declaredType, string named)
    {
        var id = await AcceptedDossier();
        var events = await EventCount();

        using var answer = await Client.Upload(id, Desk, Multipart(Exe(64 * 1024), name, declaredType, document: Document));

        answer.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        var problem = await answer.Content.ReadAsStringAsync();
        problem.ShouldContain("\"file\"");
        problem.ShouldContain(named);
        problem.ShouldContain("Accepted: PDF, PNG");
        problem.ShouldNotContain("Exception");
        (await Rows(PostgresFileStore.BlobTable)).ShouldBe(0);
        (await Rows(PostgresFileStore.ChunkTable)).ShouldBe(0);
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task another_communes_officer_may_neither_upload_nor_download_and_every_download_is_on_the_access_log()
    {
        var id = await AcceptedDossier();
        var stranger = Token(Roles.Officer, CamThanhPolice, "officer.camthanh");
        var officer = Token(Roles.Officer, KonTumPolice, "officer.kontum");   // its unit holds the dossier's first step
        var bytes = Pdf(10 * 1024, seed: 7);

        using var refused = await Client.Upload(id, stranger, Multipart(bytes, "x.pdf", document: Document));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Rows(PostgresFileStore.BlobTable)).ShouldBe(0);

        using var uploaded = await Client.Upload(id, officer, Multipart(bytes, "x.pdf", document: Document));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var sha256 = Sha256(bytes);

        (await Client.Get($"/api/dossiers/{id}/files/{sha256}", stranger)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Client.Get($"/api/dossiers/{id}/files/{sha256}", officer)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client.Get($"/api/dossiers/{id}/files/{sha256}", Token(Roles.Auditor, user: "auditor.ha"))).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var session = Store.QuerySession();
        var reads = await session.Query<PersonalDataRead>().Where(r => r.DossierId == id && r.Route.EndsWith(sha256)).ToListAsync();
        reads.Select(r => (r.User, r.Granted)).OrderBy(r => r.User)
            .ShouldBe([("auditor.ha", true), ("officer.camthanh", false), ("officer.kontum", true)]);
    }

    [Fact]
    public async Task a_file_of_another_dossier_cannot_be_fetched_through_this_one()
    {
        var (mine, theirs) = (await AcceptedDossier(), await AcceptedDossier());
        var bytes = Pdf(5000, seed: 9);
        (await Client.Upload(theirs, Desk, Multipart(bytes, "a.pdf"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await Client.Get($"/api/dossiers/{mine}/files/{Sha256(bytes)}", Desk)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var bad = await Client.Get($"/api/dossiers/{mine}/files/not-a-hash", Desk);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("sha256");
    }

    [Fact]
    public async Task nothing_is_attached_to_a_dossier_that_has_ended_and_a_result_waits_for_acceptance()
    {
        var submitted = await Host.SubmittedDossier(Desk);
        using var early = await Client.Upload(submitted.Id, Desk, Multipart(Pdf(4000), "kq.pdf", kind: "result"));
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain("once the desk has received the dossier");

        await Host.Command($"/api/dossiers/{submitted.Id}/refuse", Desk, new { reason = "Thiếu giấy tờ" });
        using var closed = await Client.Upload(submitted.Id, Desk, Multipart(Pdf(4000), "scan.pdf"));
        closed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Rows(PostgresFileStore.BlobTable)).ShouldBe(0);
    }

    [Fact]
    public async Task bad_parts_are_named()
    {
        var id = await AcceptedDossier();

        async Task<string> Problem(HttpContent body, HttpStatusCode status)
        {
            using var answer = await Client.Upload(id, Desk, body);
            answer.StatusCode.ShouldBe(status);
            return await answer.Content.ReadAsStringAsync();
        }

        (await Problem(Multipart(Pdf(2000), "a.pdf", kind: "everything"), HttpStatusCode.BadRequest)).ShouldContain("\"kind\"");
        (await Problem(Multipart(Pdf(2000), "a.pdf", document: "Giấy không có trong hồ sơ"), HttpStatusCode.BadRequest)).ShouldContain("\"document\"");
        (await Problem(new MultipartFormDataContent { { new StringContent("x"), "document" } }, HttpStatusCode.BadRequest)).ShouldContain("\"file\"");
        (await Problem(Multipart([], "empty.pdf"), HttpStatusCode.BadRequest)).ShouldContain("is empty");
        (await Problem(new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), HttpStatusCode.UnsupportedMediaType)).ShouldContain("multipart/form-data");
        (await Rows(PostgresFileStore.BlobTable)).ShouldBe(0);
    }
}
