using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dossiers.Api.Auth;
using Dossiers.Api.Dvcqg;
using Dossiers.Engine.Dvcqg;
using Dossiers.Tests.Fixtures;
using Marten;
using Microsoft.Extensions.DependencyInjection;

namespace Dossiers.Tests.Dvcqg;

/// <summary>
/// The outbound sync end to end: commands through the real API, the daemon's subscription sending to a fake portal
/// that is a real HTTP server, which can be told to fail for a while.
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_syncing_with_the_portal(SyncingHost host) : IClassFixture<SyncingHost>, IAsyncLifetime
{
    private RunningPortal Portal => host.Portal;
    private DossierWalk Walk => new(host.Host.Server.CreateClient(), (role, agency) => host.Token(role, agency, $"{role}.test"));
    private IDocumentStore Store => host.Host.Services.GetRequiredService<IDocumentStore>();

    public Task InitializeAsync()
    {
        Portal.Server.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The updates the dossier's stored events should produce, in order: what the portal must end up with.</summary>
    private async Task<IReadOnlyList<PortalUpdate>> Expected(Guid id)
    {
        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        return PortalMapper.Replay(events.Select(e => (e.Version, e.Data)), new PortalMapping()).Updates;
    }

    private async Task<DvcqgSyncPage> Sync(string query, string role = Roles.Auditor)
    {
        var result = await host.Host.Scenario(s =>
        {
            s.Get.Url("/api/dvcqg/sync" + query);
            s.WithBearerToken(host.Token(role, user: "auditor.hanh"));
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<DvcqgSyncPage>())!;
    }

    [Fact]
    public async Task a_desk_dossier_walked_to_the_end_arrives_as_2_4_9_10_with_its_fields_and_every_step()
    {
        var (id, code) = await Walk.Returned("Nguyễn Văn An");

        var returned = await Portal.Until(code, 10);

        Portal.Records(code).Select(r => (int)r["TrangThaiHoSo"]!).ShouldBe([2, 4, 9, 10]);
        ((string)returned["MaTTHC"]!, (string)returned["ChuHoSo"]!, (int)returned["KenhThucHien"]!, (int)returned["LoaiDoiTuong"]!)
            .ShouldBe((DossierWalk.Procedure, "Nguyễn Văn An", 1, 1));
        ((string)returned["SoDienThoai"]!, (string)returned["DonViXuLy"]!).ShouldBe(("0912345678", DossierWalk.Centre));
        ((string)returned["NgayTra"]!).ShouldMatch("^20260302[0-9]{6}$");     // the shifted clock's Monday, Vietnam time
        ((string)returned["MaCapNhat"]!).ShouldEndWith("-DB");
        var expected = await Expected(id);
        await Eventually.Get(() => Task.FromResult(Portal.UpdateIds(id).Count == expected.Count ? "all" : (string?)null), what: "every update");
        Portal.UpdateIds(id).ShouldBe(expected.Select(u => u.UpdateId));
        var progress = Portal.Server.Received.Where(r => r.Service == PortalServices.Progress && (string?)r.Record["MaHoSo"] == code).ToList();
        progress.Count.ShouldBe(expected.Count(u => u.Service == PortalServices.Progress));
        progress.ShouldAllBe(p => p.Record["PhongBanXuLy"] != null && p.Record["NgayKetThucTheoQuyDinh"] != null);
        Portal.Server.Received.Where(r => r.Service == PortalServices.Dossier && (string?)r.Record["MaHoSo"] == code).Select(r => r.IsUpdating)
            .ShouldBe([false, true, true, true]);

        var synced = await Eventually.Get(async () => (await Sync("?status=synced")).Items.FirstOrDefault(s => s.Id == id && s.LastStatusSent == 10 && s.LastUpdateAcknowledged == expected[^1].UpdateId),
            what: "the sync state");
        (synced.Code, synced.LastStatusSent, synced.Pending, synced.LastUpdateAcknowledged).ShouldBe((code, 10, 0, expected[^1].UpdateId));
    }

    [Fact]
    public async Task the_scorecard_counts_the_received_dossiers_the_portal_holds_indicator_1_4()
    {
        var (_, code) = await Walk.Accepted("Lê Văn Cường");
        await Portal.Until(code, 2);

        // The shifted clock's Monday: every dossier of this class was received that day, and each reaches the portal.
        var centre = await Eventually.Get(async () =>
        {
            var result = await host.Host.Scenario(s =>
            {
                s.Get.Url("/api/sla/scorecard?from=2026-03-02&to=2026-03-02");
                s.WithBearerToken(host.Token(Roles.Auditor, user: "auditor.hanh"));
            });
            var report = (await result.ReadAsJsonAsync<Dossiers.Projections.Sla.ScorecardReport>())!;
            return report.PortalSyncByCentre?.FirstOrDefault(c => c.Centre == DossierWalk.Centre && c.Received > 0 && c.Synced == c.Received);
        }, what: "every received dossier synced on the scorecard");

        centre.Rate.ShouldBe(100.0);
    }

    [Fact]
    public async Task an_online_dossier_is_on_the_portal_from_its_submission()
    {
        var (id, code) = await Walk.Accepted("Trần Thị Bình", channel: "online");

        await Portal.Until(code, 2);
        var first = Portal.Server.Received.First(r => ((string)r.Record["MaCapNhat"]!).StartsWith($"{id:N}-"));
        ((int)first.Record["TrangThaiHoSo"]!, (string)first.Record["MaHoSo"]!, (int)first.Record["KenhThucHien"]!).ShouldBe((1, id.ToString(), 2));
    }

    [Fact]
    public async Task a_portal_failing_for_a_while_then_recovering_loses_nothing_duplicates_nothing_and_keeps_each_dossier_in_order()
    {
        // Each failure is consumed by the next requests, and only the walks below make requests: every phase meets its own.
        var walked = new List<(Guid Id, string Code)>();
        Portal.Server.Fail(new FakePortal.FailureOrder("500", Count: 9, Seconds: null));
        for (var i = 0; i < 3; i++) walked.Add(await Walk.Returned($"Lê Thị Hoa {i}"));
        await Delivered(walked);
        Portal.Server.Fail(new FakePortal.FailureOrder("refuse-session", Count: 3, Seconds: null));
        for (var i = 0; i < 2; i++) walked.Add(await Walk.Returned($"Lý Thị Hồng {i}"));
        await Delivered(walked);
        Portal.Server.Fail(new FakePortal.FailureOrder("refuse-session", Count: 3, Seconds: null, InBody: true));   // HTTP 200, error_code 401
        walked.Add(await Walk.Returned("Lý Thị Lan"));
        await Delivered(walked);
        Portal.Server.Fail(new FakePortal.FailureOrder("timeout", Count: 1, Seconds: null));
        walked.Add(await Walk.Returned("Trương Thị Huệ"));
        await Delivered(walked);

        Portal.Server.Logins.ShouldBeGreaterThanOrEqualTo(3);                        // a new session after each refusal
        foreach (var (_, code) in walked) Portal.Records(code).Select(r => (int)r["TrangThaiHoSo"]!).ShouldBe([2, 4, 9, 10]);
        Portal.Server.Received.Select(r => (string)r.Record["MaCapNhat"]!).ShouldBeUnique();
        var states = await Eventually.Get(async () =>
        {
            var page = await Sync("?status=synced&pageSize=200");
            return walked.All(w => page.Items.Any(s => s.Id == w.Id)) ? page : (DvcqgSyncPage?)null;
        }, what: "every dossier synced");
        var reasons = states.Items.Where(s => walked.Any(w => w.Id == s.Id)).SelectMany(s => s.Failures).Select(f => f.Reason).ToList();
        reasons.ShouldContain(r => r.EndsWith("HTTP 500"));                          // the login or the sync, whichever met them
        reasons.ShouldContain("the portal refused a fresh session");
        reasons.ShouldNotContain("error_code 401");                                  // a refusal in the body also logs in again
        (await Sync("?status=failed")).Items.ShouldBeEmpty();
        (await Sync("?status=pending")).Items.ShouldBeEmpty();
    }

    /// <summary>Every update the dossiers' events produce reached the portal once, each dossier's in the order of its events.</summary>
    private async Task Delivered(IEnumerable<(Guid Id, string Code)> dossiers)
    {
        foreach (var (id, code) in dossiers)
        {
            var expected = (await Expected(id)).Select(u => u.UpdateId).ToList();
            await Eventually.Get(() => Task.FromResult(Portal.UpdateIds(id).Count >= expected.Count ? "all" : (string?)null),
                TimeSpan.FromSeconds(60), $"every update of {code}");
            Portal.UpdateIds(id).ShouldBe(expected);
        }
    }

    [Fact]
    public async Task the_sync_list_pages_and_names_a_bad_parameter()
    {
        for (var i = 0; i < 3; i++) await Walk.Accepted($"Phạm Văn Đồng {i}");
        await Eventually.Get(async () => (await Sync("?status=synced")).Total >= 3 ? "three" : (string?)null, what: "three synced");

        var one = await Sync("?status=synced&page=1&pageSize=2", Roles.Controller);
        var two = await Sync("?status=synced&page=2&pageSize=2", Roles.Admin);
        (one.Items.Count, one.Total >= 3).ShouldBe((2, true));
        two.Items.Select(s => s.Id).ShouldNotContain(one.Items[0].Id);

        foreach (var (query, field) in new[] { ("status=lost", "status"), ("page=0", "page"), ("page=abc", "page"), ("pageSize=201", "pageSize"), ("pageSize=2.5", "pageSize") })
        {
            var result = await host.Host.Scenario(s =>
            {
                s.Get.Url("/api/dvcqg/sync?" + query);
                s.WithBearerToken(host.Token(Roles.Auditor));
                s.StatusCodeShouldBe(400);
            });
            JsonNode.Parse(await result.ReadAsTextAsync())!["errors"]!.AsObject().Select(p => p.Key).ShouldBe([field], query);
        }
        foreach (var role in new[] { Roles.Desk, Roles.Officer, Roles.Integrator })
            await host.Host.Scenario(s =>
            {
                s.Get.Url("/api/dvcqg/sync");
                s.WithBearerToken(host.Token(role, role is Roles.Desk ? DossierWalk.Centre : role is Roles.Officer ? DossierWalk.Police : null));
                s.StatusCodeShouldBe(403);
            });
    }

    [Fact]
    public async Task resend_sends_the_dossier_s_current_record_again_under_a_new_id()
    {
        var (id, code) = await Walk.Returned("Võ Thị Sáu");
        await Portal.Until(code, 10);
        var before = Portal.Records(code).Count;

        var output = new StringWriter();
        var exit = await DvcqgCommands.Run([id.ToString()], host.Host.Services, output);

        exit.ShouldBe(0, output.ToString());
        var records = Portal.Records(code);
        records.Count.ShouldBe(before + 1);
        ((int)records[^1]["TrangThaiHoSo"]!).ShouldBe(10);
        ((string)records[^1]["MaCapNhat"]!).ShouldContain("-DB-R");
        (await DvcqgCommands.Run(["not-a-guid"], host.Host.Services, new StringWriter())).ShouldBe(2);
        (await DvcqgCommands.Run([Guid.NewGuid().ToString()], host.Host.Services, new StringWriter())).ShouldBe(1);
    }

    [Fact]
    public async Task a_portal_outage_keeps_the_node_ready_and_shows_on_the_lag_gauge()
    {
        Portal.Server.Fail(new FakePortal.FailureOrder("500", Count: null, Seconds: 60));
        var (_, code) = await Walk.Accepted("Đinh Thị Vân");

        // Past the readiness bound (3 s here) behind the store, as the gauge reads it.
        await Eventually.Get(async () =>
        {
            var metrics = await host.Host.Server.CreateClient().GetStringAsync("/metrics");
            var lag = System.Text.RegularExpressions.Regex.Match(metrics,
                "dossiers_projection_lag_seconds\\{[^}]*projection=\"DvcqgSync:All\"[^}]*\\} ([0-9.eE+-]+)");
            return lag.Success && double.Parse(lag.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) > 4 ? metrics : (string?)null;
        }, TimeSpan.FromSeconds(30), "the sender's lag on the gauge");
        var ready = await host.Host.Server.CreateClient().GetAsync("/health/ready");
        ((int)ready.StatusCode).ShouldBe(200, await ready.Content.ReadAsStringAsync());

        Portal.Server.Reset();
        await Portal.Until(code, 2);
    }

    [Fact]
    public async Task no_applicant_data_reaches_the_logs_while_the_portal_fails()
    {
        Portal.Server.Fail(new FakePortal.FailureOrder("500", Count: 6, Seconds: null));
        var (_, code) = await Walk.Accepted("Hoàng Thị Loan");
        await Portal.Until(code, 2);
        host.Logs.Lines.ShouldNotContain(line => line.Contains("Hoàng Thị Loan") || line.Contains("0912345678") || line.Contains("an@example.vn"));
        host.Logs.Lines.ShouldContain(line => line.Contains("not delivered"));
    }
}
