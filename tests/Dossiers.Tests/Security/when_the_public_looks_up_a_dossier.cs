using System.Net;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Lookup;
using Dossiers.Tests.Fixtures;

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

        var result = await Host.Scenario(s => { s.Get.Url($"/api/lookup/{accepted.Code}"); From(s, "10.0.0.1"); });
        var body = await result.ReadAsTextAsync();
        var status = System.Text.Json.JsonSerializer.Deserialize<PublicStatus>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        status.ShouldBe(new PublicStatus(accepted.Code!, 2, "Được tiếp nhận", accepted.DueAt));
        foreach (var personal in new[] { "Hồ Văn Tư", "051090000123", "0912345678", "an@example.vn", "Quảng Ngãi", submitted.Id.ToString() })
            body.ShouldNotContain(personal);
    }

    [Fact]
    public async Task an_unknown_code_answers_404_and_a_malformed_one_400()
    {
        await Host.Scenario(s => { s.Get.Url("/api/lookup/057.01.90.H48-260302-9999"); From(s, "10.0.0.2"); s.StatusCodeShouldBe(404); });
        await Host.Scenario(s => { s.Get.Url("/api/lookup/not-a-code"); From(s, "10.0.0.2"); s.StatusCodeShouldBe(400); });
    }

    [Fact]
    public async Task one_address_is_rate_limited()
    {
        var answers = new List<int>();
        for (var i = 0; i < 25; i++)
            answers.Add((await Host.Scenario(s => { s.Get.Url("/api/lookup/057.01.90.H48-260302-9998"); From(s, "10.0.0.3"); s.IgnoreStatusCode(); }))
                .Context.Response.StatusCode);

        answers.ShouldContain(429);
        answers.TakeWhile(a => a != 429).ShouldAllBe(a => a == 404);
        await Host.Scenario(s => { s.Get.Url("/api/lookup/057.01.90.H48-260302-9998"); From(s, "10.0.0.4"); s.StatusCodeShouldBe(404); });
    }

    // The limit is per client address: each test speaks from its own.
    private static void From(Scenario scenario, string address) =>
        scenario.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address));
}
