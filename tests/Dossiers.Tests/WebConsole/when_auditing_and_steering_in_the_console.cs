using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dossiers.Api.Auth;
using Dossiers.Api.Sla;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dossiers.Tests.WebConsole;

/// <summary>
/// The auditor's replay, the integrator's and controller's workflow pages with their heat map, and the operations
/// centre's live dashboard (also on the wall screen's kiosk sign-in), in a real browser against the real API process.
/// Every page is captured into docs/screenshots at 1366×768.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_auditing_and_steering_in_the_console(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Centre = "057.01.90.H48";
    private const string Procedure = "1.004222";
    private const string DraftDefinition = "1.004194-tam-tru";

    [Fact]
    public async Task the_auditor_replays_a_dossier_event_by_event_and_reads_the_access_log()
    {
        var dossier = await fixture.Api.AcceptedDossier(Centre, Procedure, acknowledge: true);
        await using var auditor = await fixture.NewPage();
        await auditor.SignIn("auditor", null, "binh");
        await auditor.Page.GotoAsync("/console/audit");
        await auditor.Page.GetByLabel("Mã hồ sơ hoặc mã định danh").FillAsync(dossier.Code!);
        await auditor.Page.GetByRole(AriaRole.Button, new() { Name = "Mở" }).ClickAsync();
        await Expect(auditor.Page.GetByTestId("dossier-code")).ToHaveTextAsync(dossier.Code!);
        await Expect(auditor.Page.GetByTestId("chain")).ToContainTextAsync("Chuỗi băm nguyên vẹn");
        // Now: accepted and at its first step (the API's own view of it).
        var events = await auditor.Page.GetByTestId("timeline").Locator("li").CountAsync();
        events.ShouldBeGreaterThanOrEqualTo(3);
        await Expect(auditor.Page.GetByTestId("state-version")).ToHaveTextAsync(events.ToString());
        await Expect(auditor.Page.GetByTestId("state-status")).Not.ToHaveTextAsync("Chờ tiếp nhận");
        await auditor.Screenshot("auditor-dossier");

        // The slider back to the first event: the dossier as it was when submitted, without leaving the page.
        await auditor.Page.GetByTestId("slider").FillAsync("1");
        await Expect(auditor.Page.GetByTestId("state-version")).ToHaveTextAsync("1");
        await Expect(auditor.Page.GetByTestId("state-status")).ToHaveTextAsync("Chờ tiếp nhận");
        await Expect(auditor.Page.GetByTestId("state-tasks")).ToHaveTextAsync("—");
        await Expect(auditor.Page.GetByTestId("timeline").Locator("li[aria-current]")).ToHaveAttributeAsync("data-version", "1");
        auditor.Page.Url.ShouldNotContain("version=");

        // Reading the dossier was personal data: the access log has it, by this auditor.
        await auditor.Page.GetByRole(AriaRole.Link, new() { Name = "Ai đã xem dữ liệu cá nhân của hồ sơ này" }).ClickAsync();
        await Expect(auditor.Page.GetByTestId("access-log").Locator("tbody tr").Filter(new() { HasText = "binh" }).First).ToBeVisibleAsync();
        await auditor.Screenshot("auditor-access-log");
    }

    [Fact]
    public async Task the_diagram_shows_where_dossiers_wait_and_a_draft_goes_from_upload_to_approval()
    {
        var dossier = await fixture.Api.AcceptedDossier(Centre, Procedure);
        var step = dossier.Tasks[0];
        await using var integrator = await fixture.NewPage();
        await integrator.SignIn("integrator", null, "hoa");
        await integrator.Page.GotoAsync("/console/workflows");
        await Expect(integrator.Page.GetByTestId("catalogue")).ToContainTextAsync(Procedure);
        await integrator.Screenshot("integrator-catalogue");

        // The diagram is drawn in the page (an SVG), with the waiting dossier written on its step once the SLA read model has it.
        await integrator.Page.GotoAsync($"/console/workflows/{dossier.DefinitionId}/{dossier.DefinitionVersion}");
        var waiting = integrator.Page.Locator($"[data-testid=step-times] tr[data-activity='{step.ActivityId}'] [data-testid=waiting]");
        await Eventually.Get(async () =>
        {
            if (await waiting.CountAsync() > 0 && int.Parse((await waiting.TextContentAsync())!) >= 1) return waiting;
            await integrator.Page.ReloadAsync();
            return null;
        }, TimeSpan.FromSeconds(30), "the waiting dossier on the step");
        var svg = integrator.Page.GetByTestId("diagram").Locator("svg");
        await Expect(svg).ToBeVisibleAsync();
        await Expect(svg).ToContainTextAsync(new Regex(@"Đang chờ [1-9]"));
        var heated = svg.Locator(".heat0, .heat1, .heat2, .heat3");
        (await heated.CountAsync()).ShouldBeGreaterThan(0);
        await heated.First.ScrollIntoViewIfNeededAsync();
        await integrator.Screenshot("integrator-diagram");

        // A broken draft: the validator's messages, each where it is.
        var broken = IntegrationContext.ShippedDefinition(DraftDefinition, 271);
        broken["root"]!["activities"]![1]!["agency"] = "competent:nowhere";
        await integrator.Page.GotoAsync("/console/workflows/upload");
        await integrator.Page.GetByLabel("hoặc dán nội dung").FillAsync(broken.ToJsonString());
        await integrator.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi duyệt" }).ClickAsync();
        await Expect(integrator.Page.GetByTestId("validation-errors")).ToContainTextAsync("activities.appraise");
        await Expect(integrator.Page.GetByTestId("validation-errors")).ToContainTextAsync("nowhere");
        await integrator.Screenshot("integrator-draft-errors");

        // A sound draft: checked, submitted, then reviewed by the control office against v1 and approved.
        var draft = IntegrationContext.ShippedDefinition(DraftDefinition, 270);
        draft["root"]!["activities"]![1]!["budget"] = new JsonObject { ["amount"] = 1, ["unit"] = "WorkingDays" };
        await integrator.Page.GetByLabel("hoặc dán nội dung").FillAsync(draft.ToJsonString());
        await integrator.Page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra" }).ClickAsync();
        await Expect(integrator.Page.GetByTestId("valid")).ToBeVisibleAsync();
        await integrator.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi duyệt" }).ClickAsync();
        await Expect(integrator.Page).ToHaveURLAsync(new Regex($"/console/workflows/{Regex.Escape(DraftDefinition)}/270$"));
        await Expect(integrator.Page.GetByTestId("workflow-status")).ToHaveTextAsync("Chờ duyệt");

        await using var controller = await fixture.NewPage();
        controller.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await controller.SignIn("controller", null, "quang");
        await controller.Page.GotoAsync($"/console/workflows/{DraftDefinition}/270?against=1");
        await Expect(controller.Page.GetByTestId("diff")).ToContainTextAsync("appraise");
        await Expect(controller.Page.GetByTestId("review")).ToContainTextAsync("hoa");
        await controller.Screenshot("controller-review");
        await controller.Page.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt và công bố" }).ClickAsync();
        await Expect(controller.Page.GetByTestId("workflow-status")).ToHaveTextAsync("Đang áp dụng");
        await Expect(controller.Page.GetByTestId("review")).ToContainTextAsync("quang");
    }

    [Fact]
    public async Task the_dashboard_shows_the_api_s_figures_and_a_new_dossier_without_a_reload()
    {
        await fixture.Api.AcceptedDossier(Centre, Procedure);
        await using var controller = await fixture.NewPage();
        await controller.SignIn("controller", null, "quang");
        await controller.Page.GotoAsync("/console/dashboard");
        await Expect(controller.Page.GetByTestId("live")).ToHaveAttributeAsync("data-state", "live");

        // The tiles say what the API's scorecard says (read both, the page first: nothing changes in between).
        var tiles = await Tiles(controller.Page);
        var token = ConsoleApiCalls.Token(Roles.Controller);
        var today = DateTimeOffset.Parse((await controller.Page.GetByTestId("figures").GetAttributeAsync("data-as-of"))!,
            System.Globalization.CultureInfo.InvariantCulture).ToString("yyyy-MM-dd");
        var day = await fixture.Api.Get<ScorecardReport>($"/api/sla/scorecard?from={today}&to={today}", token);
        tiles["today-received"].ShouldBe(day.Province.Received.ToString());
        tiles["today-resolved"].ShouldBe(day.Province.Finished.ToString());
        tiles["today-late"].ShouldBe(day.Province.Late.ToString());
        var month = await fixture.Api.Get<ScorecardReport>($"/api/sla/scorecard?from={today[..8]}01&to={today}", token);
        tiles["month-received"].ShouldBe(month.Province.Received.ToString());
        tiles["month-late"].ShouldBe(month.Province.Late.ToString());
        day.Province.Received.ShouldBeGreaterThan(0);
        var explanations = await fixture.Api.Get<Dossiers.Api.Explanations.ExplanationRegister>(
            $"/api/explanations?from={DateOnly.Parse(today).AddDays(-365):yyyy-MM-dd}&to={today}&limit=1", token);
        await Expect(controller.Page.GetByTestId("explanations-owed")).ToHaveTextAsync(
            (explanations.Total.Open + explanations.Total.OverdueUnanswered).ToString());
        await Expect(controller.Page.GetByTestId("trend-chart").Locator("canvas")).ToHaveCountAsync(1);
        await controller.Screenshot("controller-dashboard");

        // A dossier received now: the projections' commit is pushed (server-sent events) and the tile counts it, same page.
        await controller.Page.EvaluateAsync("() => { window.notReloaded = true; }");
        var received = int.Parse(tiles["today-received"]);
        await fixture.Api.AcceptedDossier(Centre, Procedure);
        await Expect(controller.Page.GetByTestId("today-received")).ToHaveTextAsync((received + 1).ToString());
        (await controller.Page.EvaluateAsync<bool>("() => window.notReloaded === true")).ShouldBeTrue();
        await Expect(controller.Page.GetByTestId("figures")).ToHaveAttributeAsync("data-push", new Regex(@"^\d+$"));
    }

    [Fact]
    public async Task the_wall_screen_signs_in_with_the_kiosk_secret_and_sees_only_the_dashboard()
    {
        await using var kiosk = await fixture.NewPage();
        kiosk.AllowStatus(401);
        kiosk.AllowStatus(403);
        await kiosk.Page.GotoAsync("/console/kiosk");
        await kiosk.Page.GetByLabel("Mã màn hình").FillAsync("not-the-secret");
        await kiosk.Page.GetByRole(AriaRole.Button, new() { Name = "Mở bảng điều hành" }).ClickAsync();
        await Expect(kiosk.Page.GetByTestId("kiosk-error")).ToBeVisibleAsync();
        await kiosk.Page.GetByLabel("Mã màn hình").FillAsync(ConsoleApiCalls.Development["Console:KioskSecret"]!);
        await kiosk.Page.GetByRole(AriaRole.Button, new() { Name = "Mở bảng điều hành" }).ClickAsync();
        await Expect(kiosk.Page).ToHaveURLAsync(new Regex("/console/dashboard"));
        await Expect(kiosk.Page.GetByTestId("who")).ToContainTextAsync("Màn hình điều hành");
        await Expect(kiosk.Page.GetByTestId("today-received")).ToBeVisibleAsync();
        await Expect(kiosk.Page.GetByTestId("live")).ToHaveAttributeAsync("data-state", "live");
        // The explanations register is the control office's: the wall screen's token is refused it, so no tile.
        await Expect(kiosk.Page.GetByTestId("explanations-owed")).ToHaveCountAsync(0);
        await kiosk.Screenshot("kiosk-dashboard");
        var menu = kiosk.Page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" });
        await Expect(menu.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Trang chủ", "Điều hành (IOC)"]);
        foreach (var page in new[] { "/console/audit", "/console/audit/access-log", "/console/workflows" })
            await Forbidden(kiosk.Page, page);
        // Its token reads figures and nothing else at the API either.
        var token = ConsoleApiCalls.Token(Roles.Kiosk, null, "kiosk");
        (await fixture.Api.Send(HttpMethod.Get, "/api/sla/overdue", token)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        (await fixture.Api.Send(HttpMethod.Get, "/api/dossiers?q=An", token)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("auditor", "/console/audit", "/console/workflows", "/console/dashboard")]
    [InlineData("integrator", "/console/workflows", "/console/audit", "/console/dashboard")]
    [InlineData("controller", "/console/dashboard", "/console/workflows/upload", null)]
    [InlineData("desk", "/console", "/console/audit/access-log", "/console/workflows")]
    public async Task each_role_opens_its_pages_and_gets_the_403_page_elsewhere(string role, string allowed, string forbidden, string? alsoForbidden)
    {
        await using var tab = await fixture.NewPage();
        tab.AllowStatus(403);
        await tab.SignIn(role, role == "desk" ? Centre : null, $"{role}-1");
        var answer = await tab.Page.GotoAsync(allowed);
        answer!.Status.ShouldBe(200);
        await Forbidden(tab.Page, forbidden);
        if (alsoForbidden is not null) await Forbidden(tab.Page, alsoForbidden);
    }

    private static async Task Forbidden(IPage page, string url)
    {
        var answer = await page.GotoAsync(url);
        answer!.Status.ShouldBe(403, url);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "403 — Không có quyền truy cập" })).ToBeVisibleAsync();
    }

    private static async Task<Dictionary<string, string>> Tiles(IPage page)
    {
        var tiles = new Dictionary<string, string>();
        foreach (var id in new[] { "today-received", "today-resolved", "today-late", "month-received", "month-late" })
            tiles[id] = (await page.GetByTestId(id).TextContentAsync())!.Trim();
        return tiles;
    }

}
