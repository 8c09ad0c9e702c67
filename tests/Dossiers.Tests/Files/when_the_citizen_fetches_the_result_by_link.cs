using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Files;
using Dossiers.Tests.Fixtures;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Dossiers.Tests.Files.FileUploadRequests;

namespace Dossiers.Tests.Files;

/// <summary>
/// The receipt (Mẫu 01) prints a link to the digitised result: anonymous, unguessable, the same on every reprint,
/// 404 until a result file is attached, then that file, named after the dossier code and carrying no personal data.
/// </summary>
public class when_the_citizen_fetches_the_result_by_link(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string KonTum = "057.01.90.H48";

    // Hits are counted per address in the shared table, which outlives a run: each call comes from an address of its own.
    private static IPAddress Address() => IPAddress.Parse($"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}");

    /// <summary>A citizen's anonymous GET, from an address of its own: the public routes' rate limit counts per address.</summary>
    private async Task<(int Status, string Headers, byte[] Body, string? FileName)> Anonymously(string path)
    {
        var address = Address();
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(path);
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = address);
            s.IgnoreStatusCode();
        });
        var response = result.Context.Response;
        var body = new MemoryStream();
        if (response.Body.CanSeek) response.Body.Position = 0;
        await response.Body.CopyToAsync(body);
        var disposition = response.Headers.ContentDisposition.ToString();
        return (response.StatusCode, string.Join("\n", response.Headers.Select(h => $"{h.Key}: {h.Value}")), body.ToArray(),
            disposition.Length > 0 ? System.Net.Http.Headers.ContentDispositionHeaderValue.Parse(disposition).FileName?.Trim('"') : null);
    }

    private async Task<JsonObject> Receipt(Guid id, string token) =>
        JsonNode.Parse(await (await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{id}/receipt"); s.WithBearerToken(token); })).ReadAsTextAsync())!.AsObject();

    [Fact]
    public async Task the_link_on_the_receipt_answers_404_until_a_result_is_attached_then_the_file_anonymously()
    {
        var desk = Token(Roles.Desk, KonTum, "desk.lan");
        var dossier = await Host.SubmittedDossier(desk);
        var accepted = (await Host.Command($"/api/dossiers/{dossier.Id}/accept", desk))!;
        var receipt = await Receipt(dossier.Id, desk);
        var link = new Uri(receipt["resultLink"]!.GetValue<string>());
        link.AbsolutePath.ShouldStartWith("/api/lookup/results/");
        link.AbsolutePath.ShouldNotContain(dossier.Id.ToString());
        (await Receipt(dossier.Id, desk))["resultLink"]!.GetValue<string>().ShouldBe(link.ToString());   // reprinted: the same link
        var html = await (await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{dossier.Id}/receipt?format=html"); s.WithBearerToken(desk); })).ReadAsTextAsync();
        html.ShouldContain(link.AbsolutePath);

        (await Anonymously(link.AbsolutePath)).Status.ShouldBe(404);

        var document = Pdf(40 * 1024, seed: 5);   // a document is not the result
        (await Host.Server.CreateClient().Upload(dossier.Id, desk, Multipart(document, "to-khai.pdf"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Anonymously(link.AbsolutePath)).Status.ShouldBe(404);

        var result = Pdf(90 * 1024, seed: 6);
        using (var attached = await Host.Server.CreateClient().Upload(dossier.Id, desk,
                   Multipart(result, "Giấy xác nhận cư trú - Nguyễn Văn An.pdf", kind: "result", document: "Giấy xác nhận cư trú")))
            attached.StatusCode.ShouldBe(HttpStatusCode.Created, await attached.Content.ReadAsStringAsync());

        var answer = await Anonymously(link.AbsolutePath);
        answer.Status.ShouldBe(200);
        answer.Body.ShouldBe(result);
        answer.Headers.ShouldContain("Content-Type: application/pdf");
        answer.FileName.ShouldBe($"ket-qua-{accepted.Code}.pdf");
        var headers = answer.Headers;
        foreach (var personal in new[] { "Nguyễn", "Nguy", "051090000123", "0912345678", "an@example.vn", "desk.lan" })
            headers.ShouldNotContain(personal);
    }

    [Fact]
    public async Task the_link_works_after_the_hand_over_until_its_days_are_over_and_the_closed_dossier_takes_no_more_files()
    {
        const string police = "057.02.90.H48";
        var desk = Token(Roles.Desk, KonTum, "desk.lan");
        var officer = Token(Roles.Officer, police, "officer.binh");
        var id = (await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194", applicant: "Lê Thị Hoa"))).Id;
        await Host.Command($"/api/dossiers/{id}/accept", desk);
        await Host.Command($"/api/dossiers/{id}/tasks/appraise/complete", officer, new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{id}/tasks/approve/complete", Token(Roles.Officer, police, "truong.ca"), new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{id}/tasks/return/complete", desk, new { outcome = "Done" });
        var result = Pdf(20 * 1024, seed: 8);
        // Resolved: the unit that decided attaches the signed result, then the desk hands it over.
        (await Host.Server.CreateClient().Upload(id, officer, Multipart(result, "kq.pdf", kind: "result"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Host.Command($"/api/dossiers/{id}/return", desk, new { note = "Trả tại quầy" });

        var links = Host.Services.GetRequiredService<ResultLinks>();
        var answer = await Anonymously(links.PathFor(id));
        answer.Status.ShouldBe(200);
        answer.Body.ShouldBe(result);
        (await Host.Server.CreateClient().Upload(id, desk, Multipart(Pdf(1000, seed: 12), "late.pdf", kind: "result")))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The same link where links last 0 days after the hand-over: already expired (the instant comes from the events).
        var noDays = new ResultLinks(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lookup:ResultLinkDays"] = "0" }).Build(),
            Host.Services.GetRequiredService<IHostEnvironment>());
        await using var session = Store.QuerySession();
        var expired = await ResultLinkEndpoint.Get(noDays.TokenFor(id), session, Host.Services.GetRequiredService<Dossiers.Api.Lookup.SharedRateLimit>(), noDays,
            Host.Services.GetRequiredService<IFileStore>(), Host.Services.GetRequiredService<Dossiers.Api.Privacy.AccessLogWriter>(),
            Host.Services.GetRequiredService<TimeProvider>(), new DefaultHttpContext { Connection = { RemoteIpAddress = Address() } }, default);
        expired.ShouldBeAssignableTo<IStatusCodeHttpResult>()!.StatusCode.ShouldBe(410);
    }

    [Fact]
    public async Task a_forged_or_malformed_token_finds_nothing()
    {
        var links = Host.Services.GetRequiredService<ResultLinks>();
        var genuine = links.TokenFor(Guid.NewGuid());
        var forged = genuine[..^2] + (genuine[^2] == 'A' ? "BA" : "AA");
        (await Anonymously($"/api/lookup/results/{forged}")).Status.ShouldBe(404);
        var malformed = await Anonymously("/api/lookup/results/short");
        malformed.Status.ShouldBe(400);
        System.Text.Encoding.UTF8.GetString(malformed.Body).ShouldContain("\"token\"");
        links.DossierOf(forged).ShouldBeNull();
        links.TokenFor(Guid.Empty).Length.ShouldBe(64);
    }
}
