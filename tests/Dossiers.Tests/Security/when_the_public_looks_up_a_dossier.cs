using System.Net;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Lookup;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossiers.Tests.Security;

public class when_the_public_looks_up_a_dossier(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";

    [Fact]
    public async Task anyone_sees_the_status_and_the_appointment_and_nothing_personal()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194", applicant: "Hồ Văn Tư"));
        var accepted = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk))!;

        var result = await Host.Scenario(s => { s.Get.Url($"/api/lookup/{accepted.Code}"); From(s, Address()); });
        var body = await result.ReadAsTextAsync();
        var status = System.Text.Json.JsonSerializer.Deserialize<PublicStatus>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        status.ShouldBe(new PublicStatus(accepted.Code!, 2, "Được tiếp nhận", accepted.DueAt));
        foreach (var personal in new[] { "Hồ Văn Tư", "051090000123", "0912345678", "an@example.vn", "Quảng Ngãi", submitted.Id.ToString() })
            body.ShouldNotContain(personal);
    }

    [Fact]
    public async Task an_unknown_code_answers_404_and_a_malformed_one_400()
    {
        await Host.Scenario(s => { s.Get.Url("/api/lookup/057.01.90.H48-260302-9999"); From(s, Address()); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url("/api/lookup/not-a-code"); From(s, Address()); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task one_address_is_rate_limited_and_a_forwarded_address_from_an_untrusted_peer_changes_nothing()
    {
        var (client, other) = (Address(), Address());
        await MinuteWindows.ClearOfABoundary(Host.Services.GetRequiredService<TimeProvider>());
        var answers = new List<(int Status, string? RetryAfter)>();
        for (var i = 0; i < 25; i++)
        {
            // A client that names another address in X-Forwarded-For on each request still counts as itself: no proxy is trusted.
            var result = await Host.Scenario(s =>
            {
                s.Get.Url("/api/lookup/057.01.90.H48-260302-9998");
                From(s, client);
                s.WithRequestHeader("X-Forwarded-For", Address());
                s.IgnoreStatusCode();
            });
            answers.Add((result.Context.Response.StatusCode, result.Context.Response.Headers.RetryAfter.FirstOrDefault()));
        }

        answers.Select(a => a.Status).ShouldBe([.. Enumerable.Repeat(404, 20), .. Enumerable.Repeat(429, 5)]);
        answers.Where(a => a.Status == 429).Select(a => int.Parse(a.RetryAfter!)).ShouldAllBe(seconds => seconds > 0 && seconds <= 60);
        await Host.Scenario(s => { s.Get.Url("/api/lookup/057.01.90.H48-260302-9998"); From(s, other); s.StatusCodeShouldBe(404); });
    }

    [Fact]
    public async Task every_node_counts_against_the_same_limit()
    {
        // Two nodes are two limiters over one database: what one counted, the other sees.
        var database = Host.Services.GetRequiredService<NpgsqlDataSource>();
        var clock = Host.Services.GetRequiredService<TimeProvider>();
        var (first, second) = (new SharedRateLimit(database, Store.Options.DatabaseSchemaName, 3, clock),
            new SharedRateLimit(database, Store.Options.DatabaseSchemaName, 3, clock));
        var client = Address();
        await MinuteWindows.ClearOfABoundary(Host.Services.GetRequiredService<TimeProvider>());

        (await first.Refusal(client, default)).ShouldBeNull();
        (await second.Refusal(client, default)).ShouldBeNull();
        (await first.Refusal(client, default)).ShouldBeNull();
        (await second.Refusal(client, default)).ShouldNotBeNull();
        (await first.Refusal(client, default)).ShouldNotBeNull();
    }

    // The limit is per client address and counted in the database: each test speaks from addresses of its own.
    private static string Address() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private static void From(Scenario scenario, string address) =>
        scenario.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address));
}
