using System.Text.RegularExpressions;
using Dossiers.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dossiers.Tests.WebConsole;

/// <summary>
/// A dossier from the counter to the result entirely through the console's pages, in a real browser: the desk receives
/// it with a scan and accepts it, the competent unit's officer acknowledges and completes its steps from the inbox,
/// the desk finishes the centre's step, finds it on the pick-up list and returns the result. Every page is captured
/// into docs/screenshots at 1366×768.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_walking_a_dossier_through_the_console(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Centre = "057.01.90.H48";
    private const string Procedure = "1.004222";

    [Fact]
    public async Task the_desk_and_the_officer_take_it_from_receipt_to_result()
    {
        await using var desk = await fixture.NewPage();
        await desk.SignIn("desk", Centre, "lan");
        var dossierUrl = await Receive(desk, "Trần Thị Bình");
        await Expect(desk.Page.GetByTestId("dossier-status")).ToHaveTextAsync("Chờ tiếp nhận");
        await Expect(desk.Page.GetByRole(AriaRole.Status)).ToHaveTextAsync(new Regex("^Đã lập hồ sơ\\. "));
        await Expect(desk.Page.GetByTestId("files")).ToContainTextAsync("to-khai.pdf");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận", Exact = true }).ClickAsync();
        await Expect(desk.Page.GetByText("Đã tiếp nhận hồ sơ.")).ToBeVisibleAsync();
        await Expect(desk.Page.GetByTestId("dossier-code")).ToHaveTextAsync(new Regex($@"^{Regex.Escape(Centre)}-\d{{6}}-\d{{4}}$"));
        var code = await desk.Page.GetByTestId("dossier-code").TextContentAsync();
        await desk.Screenshot("desk-dossier");
        // The desk may not act on another unit's step: the step shows no button for it.
        var unit = (await desk.Page.GetByTestId("task-agency").First.TextContentAsync())!.Trim();
        unit.ShouldNotBe(Centre);
        await Expect(desk.Page.GetByTestId("task").First.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        await using var officer = await fixture.NewPage();
        await officer.SignIn("officer", unit, "minh");
        await officer.Page.GotoAsync("/console/inbox");
        await ReloadUntilVisible(officer.Page, officer.Page.GetByRole(AriaRole.Link, new() { Name = code! }));
        await officer.Screenshot("officer-inbox");
        await officer.Page.GetByRole(AriaRole.Link, new() { Name = code! }).ClickAsync();
        await Expect(officer.Page).ToHaveURLAsync(dossierUrl);
        await officer.Screenshot("officer-dossier");
        await CompleteEveryStepOf(officer.Page, unit, "Approved");
        // Back at the centre: its own step, then the result is ready to hand over.
        await desk.Page.GotoAsync(dossierUrl);
        await CompleteEveryStepOf(desk.Page, Centre, null);
        await Expect(desk.Page.GetByTestId("dossier-status")).ToHaveTextAsync("Đã có kết quả, chờ trả");

        await desk.Page.GotoAsync("/console/desk/pickup");
        await ReloadUntilVisible(desk.Page, desk.Page.GetByRole(AriaRole.Link, new() { Name = code! }));
        await desk.Screenshot("desk-pickup");
        await desk.Page.GetByRole(AriaRole.Link, new() { Name = code! }).ClickAsync();
        await desk.Page.GetByLabel("Ghi chú khi trả").FillAsync("Người nộp nhận trực tiếp");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Trả kết quả" }).ClickAsync();
        await Expect(desk.Page.GetByTestId("dossier-status")).ToHaveTextAsync("Đã trả kết quả");
        await Expect(desk.Page.GetByTestId("no-actions")).ToBeVisibleAsync();

        // The search finds it by its code; the receipt (Mẫu 01) prints through the console.
        await desk.Page.GotoAsync("/console/search");
        await desk.Page.GetByLabel("Mã hồ sơ, tên hoặc số CCCD người nộp").FillAsync(code!);
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Expect(desk.Page.GetByTestId("results").GetByRole(AriaRole.Link, new() { Name = code! })).ToBeVisibleAsync();
        await desk.Screenshot("desk-search");
        var receipt = await desk.Context.APIRequest.GetAsync($"{dossierUrl}/print/receipt");
        receipt.Status.ShouldBe(200);
        (await receipt.TextAsync()).ShouldContain(code!);
    }

    [Fact]
    public async Task the_api_s_validation_messages_are_shown_beside_the_fields()
    {
        await using var desk = await fixture.NewPage();
        await desk.SignIn("desk", Centre, "lan");
        await desk.Page.GotoAsync("/console/desk/receive");
        await desk.Page.GetByLabel("Thủ tục hành chính").SelectOptionAsync(Procedure);
        await desk.Page.GetByLabel("Số CCCD/CMND").FillAsync("12ab");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Lập hồ sơ" }).ClickAsync();
        await Expect(desk.Page.GetByTestId("problem")).ToBeVisibleAsync();
        // The messages are the API's own (problem details, errors keyed by JSON path), beside each field.
        await Expect(desk.Page.GetByLabel("Họ và tên")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(desk.Page.Locator("#name ~ .field-error")).ToContainTextAsync("required");
        await Expect(desk.Page.Locator("#idNumber ~ .field-error")).ToContainTextAsync("9 to 12 digits");
        await desk.Screenshot("desk-receive-errors");

        // An officer's supplement request without items: the API's message under the items field.
        var dossierUrl = await Receive(desk, "Lê Văn Cường");
        await desk.Page.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận", Exact = true }).ClickAsync();
        await Expect(desk.Page.GetByText("Đã tiếp nhận hồ sơ.")).ToBeVisibleAsync();
        var unit = (await desk.Page.GetByTestId("task-agency").First.TextContentAsync())!.Trim();
        await using var officer = await fixture.NewPage();
        await officer.SignIn("officer", unit, "minh");
        await officer.Page.GotoAsync(dossierUrl);
        await officer.Page.GetByText("Yêu cầu bổ sung", new() { Exact = true }).ClickAsync();
        await officer.Page.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Thiếu giấy tờ chứng minh chỗ ở");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi yêu cầu bổ sung" }).ClickAsync();
        await Expect(officer.Page.Locator("#sr-items ~ .field-error")).ToContainTextAsync("at least one");
        await officer.Screenshot("officer-supplement-errors");
        // With the items, the request is made and the dossier waits for the applicant.
        await officer.Page.GetByLabel("Giấy tờ cần bổ sung (mỗi dòng một mục)").FillAsync("Hợp đồng thuê nhà\nXác nhận của chủ hộ");
        await officer.Page.GetByRole(AriaRole.Button, new() { Name = "Gửi yêu cầu bổ sung" }).ClickAsync();
        await Expect(officer.Page.GetByTestId("dossier-status")).ToHaveTextAsync("Chờ bổ sung");
    }

    [Fact]
    public async Task an_officer_cannot_open_the_desk_s_pages()
    {
        await using var officer = await fixture.NewPage();
        await officer.SignIn("officer", "057.01.90.H48", "minh");
        officer.AllowStatus(403);
        var response = await officer.Page.GotoAsync("/console/desk/receive");
        response!.Status.ShouldBe(403);
        await Expect(officer.Page.GetByRole(AriaRole.Heading, new() { Name = "403 — Không có quyền truy cập" })).ToBeVisibleAsync();
        await officer.Screenshot("forbidden");
        var menu = officer.Page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận hồ sơ" })).ToHaveCountAsync(0);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Hộp việc" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_pages_fit_a_phone()
    {
        await using var desk = await fixture.NewPage(new ViewportSize { Width = 390, Height = 844 });
        await desk.SignIn("desk", Centre, "lan");
        await desk.Page.GotoAsync("/console/desk/receive");
        await Expect(desk.Page.GetByRole(AriaRole.Button, new() { Name = "Lập hồ sơ" })).ToBeVisibleAsync();
        // Nothing wider than the screen: no sideways scrolling on a phone.
        var overflow = await desk.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
        overflow.ShouldBeLessThanOrEqualTo(0);
        await desk.Screenshot("phone-receive");
    }

    /// <summary>Fills the receiving form for the procedure with a scan attached, submits, and returns the dossier's page address.</summary>
    private static async Task<string> Receive(ConsolePage desk, string applicant)
    {
        var page = desk.Page;
        await page.GotoAsync("/console/desk/receive");
        await page.GetByLabel("Thủ tục hành chính").SelectOptionAsync(Procedure);
        // Choosing the procedure brings its list of documents (htmx); wait for the first row to carry a name.
        await Expect(page.GetByLabel("Tên giấy tờ 1")).Not.ToBeEmptyAsync();
        await page.GetByLabel("Họ và tên").FillAsync(applicant);
        await page.GetByLabel("Số CCCD/CMND").FillAsync("051090000456");
        await page.GetByLabel("Số điện thoại").FillAsync("0912345678");
        await page.GetByLabel("Địa chỉ").FillAsync("Phường Kon Tum, tỉnh Quảng Ngãi");
        await page.GetByLabel("Tệp scan").First.SetInputFilesAsync(new FilePayload
        {
            Name = "to-khai.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"u8.ToArray(),
        });
        if (applicant == "Trần Thị Bình") await desk.Screenshot("desk-receive");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập hồ sơ" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/console/dossiers/[0-9a-f-]{36}$"));
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Acknowledges and completes, through the buttons, every open step of the unit until none is left.</summary>
    private static async Task CompleteEveryStepOf(IPage page, string unit, string? outcome)
    {
        var steps = page.GetByTestId("task").Filter(new() { Has = page.GetByTestId("task-agency").GetByText(unit, new() { Exact = true }) });
        for (var guard = 0; guard < 10 && await steps.CountAsync() > 0; guard++)
        {
            var step = steps.First;
            var taskId = await step.GetAttributeAsync("data-task");
            var acknowledge = step.GetByRole(AriaRole.Button, new() { Name = "Nhận bàn giao" });
            if (await acknowledge.CountAsync() > 0)
            {
                await acknowledge.ClickAsync();
                await Expect(page.Locator($"[data-task='{taskId}']").GetByRole(AriaRole.Button, new() { Name = "Nhận bàn giao" })).ToHaveCountAsync(0);
            }
            step = page.Locator($"[data-task='{taskId}']");
            if (outcome is not null && await step.GetByRole(AriaRole.Combobox).CountAsync() > 0)
                await step.GetByRole(AriaRole.Combobox).SelectOptionAsync(outcome);
            await step.GetByRole(AriaRole.Button, new() { Name = "Hoàn thành bước" }).ClickAsync();
            await Expect(page.Locator($"[data-task='{taskId}']")).ToHaveCountAsync(0);
        }
        (await steps.CountAsync()).ShouldBe(0);
    }

    /// <summary>A list read from an asynchronous projection: reloads the page until the row shows (bounded).</summary>
    private static async Task ReloadUntilVisible(IPage page, ILocator row) =>
        await Eventually.Get(async () =>
        {
            if (await row.CountAsync() > 0) return row;
            await page.ReloadAsync();
            return await row.CountAsync() > 0 ? row : null;
        }, TimeSpan.FromSeconds(30), "the row on the reloaded page");
}
