using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Privacy;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Security;

/// <summary>
/// Jurisdiction through the real API, with tokens of several centres and units of the merged province: any centre
/// receives a province-wide procedure, the receiving desk alone speaks for the dossier, each step works at the unit of
/// the competent commune, and only the units working on a dossier read its personal data — every read on record.
/// </summary>
public class when_acting_across_centres(AppFixture fixture) : IntegrationContext(fixture)
{
    // Codes of workflows/agencies.json (illustrative codes, names per NQ 1677/NQ-UBTVQH15).
    private const string KonTumCentre = "057.01.90.H48", KonTumPolice = "057.02.90.H48", KonTum = "057.00.90.H48";
    private const string CamThanhCentre = "004.01.90.H48", CamThanhPolice = "004.02.90.H48", CamThanhCommittee = "004.00.90.H48";
    private const string BinhSonCentre = "013.01.90.H48", BinhSonPolice = "013.02.90.H48", BinhSon = "013.00.90.H48";
    private const string ProvincialCentre = "000.00.01.H48";

    private string Desk(string centre) => Token(Roles.Desk, agency: centre, user: $"desk@{centre}");
    private string Officer(string unit) => Token(Roles.Officer, agency: unit, user: $"officer@{unit}");

    private async Task<DossierView> Received(string centre, string procedure = "1.004222", string? commune = null, string? pickup = null)
    {
        var submitted = await Host.SubmittedDossier(Desk(centre), Scenarios.SubmitRequest(procedure, commune: commune, pickup: pickup));
        return (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk(centre)))!;
    }

    private async Task<IScenarioResult> Get(string url, string token, int status) => await Host.Scenario(s =>
    {
        s.Get.Url(url);
        s.WithBearerToken(token);
        s.StatusCodeShouldBe(status);
    });

    [Fact]
    public async Task two_centres_receive_the_same_procedure_each_in_its_own_register_and_for_its_own_commune()
    {
        var atKonTum = await Received(KonTumCentre);
        var atCamThanh = await Received(CamThanhCentre);

        atKonTum.DefinitionId.ShouldBe(atCamThanh.DefinitionId);   // one definition serves the province
        atKonTum.Code.ShouldStartWith($"{KonTumCentre}-");
        atKonTum.Code.ShouldEndWith("-0001");
        atCamThanh.Code.ShouldStartWith($"{CamThanhCentre}-");
        atCamThanh.Code.ShouldEndWith("-0001");
        atKonTum.ReceivingAgency.ShouldBe(KonTumCentre);
        atKonTum.Tasks.ShouldHaveSingleItem().Agency.ShouldBe(KonTumPolice);
        atCamThanh.Tasks.ShouldHaveSingleItem().Agency.ShouldBe(CamThanhPolice);

        // Each police unit works its own commune's dossier only.
        var step = atCamThanh.Tasks[0].TaskId;
        await Host.Command($"/api/dossiers/{atCamThanh.Id}/tasks/{step}/complete", Officer(KonTumPolice), new { outcome = "Approved" }, 403);
        await Host.Command($"/api/dossiers/{atCamThanh.Id}/tasks/{step}/complete", Officer(CamThanhPolice), new { outcome = "Approved" });

        await using var session = Store.QuerySession();
        var accepted = (await session.Events.FetchStreamAsync(atKonTum.Id)).Select(e => e.Data).OfType<DossierAccepted>().Single();
        accepted.CompetentCommune.ShouldBe(KonTum);
        accepted.Routing!["appraise"].ShouldBe(KonTumPolice);
        accepted.Routing["return"].ShouldBe(KonTumCentre);
        accepted.RegistryVersion.ShouldBe("2025-07-01.merged");
    }

    [Fact]
    public async Task a_centre_receives_for_another_commune_whose_units_do_the_work_and_the_result_is_picked_up_where_chosen()
    {
        var dossier = await Received(KonTumCentre, commune: BinhSon, pickup: BinhSonCentre);

        dossier.Code.ShouldStartWith($"{KonTumCentre}-");
        (dossier.ReceivingAgency, dossier.CompetentCommune, dossier.PickupCentre).ShouldBe((KonTumCentre, BinhSon, BinhSonCentre));
        dossier.Tasks.ShouldHaveSingleItem().Agency.ShouldBe(BinhSonPolice);

        // Walk to the result: appraise and approve at the police of xã Bình Sơn, then the return step at the receiving centre.
        foreach (var (unit, outcome) in new[] { (BinhSonPolice, "Approved"), (BinhSonPolice, "Approved"), (KonTumCentre, "Done") })
            dossier = (await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{dossier.Tasks[0].TaskId}/complete",
                unit == KonTumCentre ? Desk(unit) : Officer(unit), new { outcome }))!;
        dossier.Status.ShouldBe(DossierStatus.Resolved);

        var before = await EventCount();
        await Host.Command($"/api/dossiers/{dossier.Id}/return", Desk(CamThanhCentre), new { note = "Trả" }, 403);
        (await EventCount()).ShouldBe(before);
        (await Host.Command($"/api/dossiers/{dossier.Id}/return", Desk(BinhSonCentre), new { note = "Trả tại Bình Sơn" }))!
            .Status.ShouldBe(DossierStatus.Returned);
    }

    [Theory]
    [InlineData("accept", null)]
    [InlineData("refuse", "{\"reason\":\"Không đủ điều kiện\"}")]
    [InlineData("stop", "{\"reason\":\"Dừng\"}")]
    [InlineData("withdrawal", "{\"reason\":\"Rút\"}")]
    [InlineData("supplement-requests", "{\"items\":[\"Bản sao sổ hộ khẩu\"],\"reason\":\"Thiếu\"}")]
    public async Task a_desk_of_another_centre_cannot_act_on_a_dossier_it_did_not_receive(string command, string? body)
    {
        var submitted = await Host.SubmittedDossier(Desk(CamThanhCentre), Scenarios.SubmitRequest());
        var before = await EventCount();

        var answer = await Host.Scenario(s =>
        {
            if (body is null) s.Post.Url($"/api/dossiers/{submitted.Id}/{command}");
            else s.Post.Text(body).ToUrl($"/api/dossiers/{submitted.Id}/{command}");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Desk(BinhSonCentre));
            s.StatusCodeShouldBe(403);
        });

        (await answer.ReadAsTextAsync()).ShouldContain(CamThanhCentre);
        (await EventCount()).ShouldBe(before);
    }

    [Theory]
    [InlineData("stop", "{\"reason\":\"Dừng\"}")]
    [InlineData("apologies", "{\"reason\":\"Chậm\",\"newDueAt\":\"2031-01-06T09:00:00+07:00\"}")]
    [InlineData("withdrawal", "{\"reason\":\"Rút\"}")]
    [InlineData("payments", "{\"note\":\"Biên lai\"}")]
    public async Task after_acceptance_only_the_receiving_desk_speaks_for_the_dossier(string command, string body)
    {
        var dossier = await Received(CamThanhCentre);
        var before = await EventCount();

        await Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl($"/api/dossiers/{dossier.Id}/{command}");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Desk(BinhSonCentre));
            s.StatusCodeShouldBe(403);
        });

        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_procedure_pinned_to_one_centre_or_closed_to_other_communes_is_refused_elsewhere()
    {
        // An older-style file: the intake names one centre's code; and a procedure received only where it is competent.
        // (Versions no other test publishes: a published version is immutable, so the host caches it once parsed.)
        var pinned = ShippedDefinition("1.004194-tam-tru", version: 21);
        pinned["root"]!["activities"]![0]!["agency"] = CamThanhCentre;
        await Publish(pinned);
        var closed = ShippedDefinition("1.004873-xac-nhan-tinh-trang-hon-nhan", version: 21);
        closed["customProperties"]!["procedure"]!["boundaryFree"] = false;
        await Publish(closed);
        var before = await EventCount();

        var refused = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest("1.004194")).ToUrl("/api/dossiers");
            s.WithBearerToken(Desk(KonTumCentre));
            s.StatusCodeShouldBe(403);
        });
        (await refused.ReadAsTextAsync()).ShouldContain($"received only at");
        await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest("1.004873", commune: CamThanhCommittee)).ToUrl("/api/dossiers");
            s.WithBearerToken(Desk(KonTumCentre));
            s.StatusCodeShouldBe(403);
        });
        (await EventCount()).ShouldBe(before);

        // Where they are allowed: the pinned centre itself; the competent commune's centre, and the province's, which serves every commune.
        (await Received(CamThanhCentre, "1.004194")).Code.ShouldStartWith(CamThanhCentre);
        (await Received(CamThanhCentre, "1.004873")).Code.ShouldStartWith(CamThanhCentre);
        (await Received(ProvincialCentre, "1.004873", commune: KonTum)).Tasks[0].Agency.ShouldBe("057.00.90.H48");
    }

    [Fact]
    public async Task migration_moves_an_open_step_to_the_unit_of_the_step_it_maps_to()
    {
        // Birth → residence chain: the first step is at the people's committee; v2 maps it onto the police's residence step.
        var submitted = await Host.SubmittedDossier(Desk(CamThanhCentre), Scenarios.SubmitRequest("9.000002"));
        var dossier = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk(CamThanhCentre)))!;
        await Publish(ShippedDefinition("9.000002-lien-thong-khai-sinh-thuong-tru-bhyt", version: 21));
        var task = dossier.Tasks.ShouldHaveSingleItem();
        task.Agency.ShouldBe(CamThanhCommittee);

        var migrated = (await Host.Command($"/api/dossiers/{dossier.Id}/migrate", Token(Roles.Controller),
            new { toVersion = 21, stepMapping = new Dictionary<string, string> { [task.ActivityId] = "residence" }, reason = "Quy trình mới" }))!;

        var moved = migrated.Tasks.ShouldHaveSingleItem();
        moved.Agency.ShouldBe(CamThanhPolice);
        moved.State.ShouldBe("awaiting-acknowledgement");
        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{moved.TaskId}/complete", Officer(CamThanhCommittee), new { outcome = "Done" }, 403);
        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{moved.TaskId}/complete", Officer(CamThanhPolice), new { outcome = "Done" });

        await using var session = Store.QuerySession();
        var reassigned = (await session.Events.FetchStreamAsync(dossier.Id)).Select(e => e.Data).OfType<TaskReassigned>().ShouldHaveSingleItem();
        (reassigned.FromAgency, reassigned.ToAgency).ShouldBe((CamThanhCommittee, CamThanhPolice));
    }

    [Fact]
    public async Task only_the_units_working_on_a_dossier_read_its_personal_data_and_every_read_is_on_record()
    {
        var dossier = await Received(KonTumCentre);
        string[] routes = [$"/api/dossiers/{dossier.Id}", $"/api/dossiers/{dossier.Id}/history", $"/api/dossiers/{dossier.Id}/receipt",
            $"/api/dossiers/{dossier.Id}/control-slip"];

        foreach (var route in routes)
        {
            await Get(route, Officer(CamThanhPolice), 403);             // another commune's police
            await Get(route, Desk(BinhSonCentre), 403);                 // another centre
            await Get(route, Officer(KonTumPolice), 200);               // holds the appraisal
            await Get(route, Desk(KonTumCentre), 200);                  // received it
            await Get(route, Token(Roles.Auditor, user: "auditor.mai"), 200);
        }
        var register = $"/api/registers/{KonTumCentre}?from={dossier.AcceptedAt:yyyy-MM-dd}&to={dossier.AcceptedAt:yyyy-MM-dd}";
        await Get(register, Desk(BinhSonCentre), 403);
        (await (await Get(register, Desk(KonTumCentre), 200)).ReadAsTextAsync()).ShouldContain(dossier.Code!);

        var day = $"{dossier.AcceptedAt:yyyy-MM-dd}";
        var log = await (await Get($"/api/access-log?from={day}&to={day}&dossierId={dossier.Id}", Token(Roles.Auditor), 200))
            .ReadAsJsonAsync<AccessLog>();
        log!.Items.Count.ShouldBe(routes.Length * 5);
        log.Items.Count(i => !i.Granted).ShouldBe(routes.Length * 2);
        log.Items.ShouldContain(i => i.User == $"officer@{CamThanhPolice}" && i.Route == $"GET /api/dossiers/{dossier.Id}/history" && !i.Granted);
        log.Items.ShouldContain(i => i.User == "auditor.mai" && i.Granted && i.Agency == null);
        var byUser = await (await Get($"/api/access-log?from={day}&to={day}&user=desk@{BinhSonCentre}", Token(Roles.Auditor), 200))
            .ReadAsJsonAsync<AccessLog>();
        byUser!.Items.Count.ShouldBe(routes.Length + 1);   // the four dossier routes and the register
        await Get($"/api/access-log?from={day}&to={day}", Officer(KonTumPolice), 403);
    }

    [Fact]
    public async Task reads_made_at_the_same_moment_share_a_write_of_the_log_yet_each_is_on_record_once_answered()
    {
        var dossier = await Received(KonTumCentre);
        const int reads = 40;

        // Every answer has arrived, so every row must already be committed: the log is read once, not polled.
        await Task.WhenAll(Enumerable.Range(0, reads).Select(i => Get($"/api/dossiers/{dossier.Id}",
            i % 4 == 0 ? Officer(CamThanhPolice) : Officer(KonTumPolice), i % 4 == 0 ? 403 : 200)));

        var day = $"{dossier.AcceptedAt:yyyy-MM-dd}";
        var log = await (await Get($"/api/access-log?from={day}&to={day}&dossierId={dossier.Id}", Token(Roles.Auditor), 200))
            .ReadAsJsonAsync<AccessLog>();
        log!.Items.Count.ShouldBe(reads);
        log.Items.Select(i => i.Id).Distinct().Count().ShouldBe(reads);
        log.Items.Count(i => !i.Granted).ShouldBe(reads / 4);
    }

    [Theory]
    [InlineData("{\"competentCommune\":\"999.00.90.H48\"}", "competentCommune")]   // no such commune
    [InlineData("{\"competentCommune\":\"057.02.90.H48\"}", "competentCommune")]   // a police unit, not a commune
    [InlineData("{\"pickupCentre\":\"057.02.90.H48\"}", "pickupCentre")]           // not a service centre
    [InlineData("{\"pickupCentre\":\"nowhere\"}", "pickupCentre")]
    public async Task a_commune_or_centre_the_registry_does_not_have_answers_400_naming_it(string extra, string field)
    {
        var body = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Scenarios.SubmitRequest()))!.AsObject();
        foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject()) body[key] = value?.DeepClone();
        var before = await EventCount();

        var answer = await Host.Scenario(s =>
        {
            s.Post.Text(body.ToJsonString()).ToUrl("/api/dossiers");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Desk(KonTumCentre));
            s.StatusCodeShouldBe(400);
        });

        JsonNode.Parse(await answer.ReadAsTextAsync())!["errors"]![field].ShouldNotBeNull();
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_provincial_centre_must_name_the_competent_commune()
    {
        var answer = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest()).ToUrl("/api/dossiers");
            s.WithBearerToken(Desk(ProvincialCentre));
            s.StatusCodeShouldBe(400);
        });
        JsonNode.Parse(await answer.ReadAsTextAsync())!["errors"]!["competentCommune"].ShouldNotBeNull();
    }

    [Theory]
    [InlineData(null)]                 // a desk token that names no unit
    [InlineData(KonTumPolice)]         // a desk token of a police unit
    [InlineData("000.99.99.H48")]      // a unit the registry does not have
    public async Task a_desk_token_without_a_service_centre_is_refused_with_the_reason(string? agency)
    {
        var received = await Received(KonTumCentre);
        var token = Token(Roles.Desk, agency: agency);
        var before = await EventCount();

        var submit = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest()).ToUrl("/api/dossiers");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(403);
        });
        (await submit.ReadAsTextAsync()).ShouldContain("service centre");
        await Host.Command($"/api/dossiers/{received.Id}/stop", token, new { reason = "Dừng" }, 403);
        (await EventCount()).ShouldBe(before);
    }
}
