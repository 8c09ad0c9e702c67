using Dossiers.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Dossiers.Tests.WebConsole;

/// <summary>The console's sign-in, sign-out, menu per role and its protection, in a real browser.</summary>
[Collection(IntegrationCollection.Name)]
public sealed class when_signing_in_to_the_console(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private const string Centre = "057.01.90.H48";

    [Fact]
    public async Task a_visitor_is_sent_to_sign_in_and_comes_back_to_the_page_asked_for()
    {
        await using var tab = await fixture.NewPage();
        await tab.Page.GotoAsync("/");
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Bảng điều khiển cho cán bộ (đăng nhập)" }).ClickAsync();
        await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Đăng nhập" })).ToBeVisibleAsync();
        await tab.Screenshot("sign-in");
        await tab.SignIn("desk", Centre, "lan");
        await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console$"));
        await Expect(tab.Page.GetByTestId("who")).ToHaveTextAsync($"lan · Cán bộ một cửa · {Centre}");
    }

    [Fact]
    public async Task the_sign_in_refuses_a_desk_at_a_unit_that_is_not_a_service_centre()
    {
        await using var tab = await fixture.NewPage();
        await tab.Page.GotoAsync("/console/sign-in");
        await tab.Page.GetByLabel("Vai trò").SelectOptionAsync("desk");
        await tab.Page.GetByLabel("Đơn vị (mã)").FillAsync("000.00.00.X99");
        await tab.Page.GetByLabel("Tên đăng nhập").FillAsync("lan");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Expect(tab.Page.GetByTestId("sign-in-error")).ToContainTextAsync("not in the agency registry");
        await Expect(tab.Page.GetByTestId("who")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task each_role_sees_its_own_menu_and_signing_out_ends_the_session()
    {
        await using var tab = await fixture.NewPage();
        await tab.SignIn("desk", Centre, "lan");
        var menu = tab.Page.GetByRole(AriaRole.Navigation, new() { Name = "Chức năng" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận hồ sơ" })).ToBeVisibleAsync();
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await Expect(tab.Page.GetByText("Bạn đã đăng xuất.")).ToBeVisibleAsync();
        await tab.Page.GotoAsync("/console");
        await Expect(tab.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/console/sign-in"));

        await tab.SignIn("auditor", null, "binh");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Tiếp nhận hồ sơ" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task the_api_still_takes_bearer_tokens_and_ignores_the_console_cookie()
    {
        await using var tab = await fixture.NewPage();
        await tab.SignIn("desk", Centre, "lan");
        // The console cookie, sent to the API on purpose (the browser keeps it to /console): the API authenticates only
        // bearer tokens, so it is a 401.
        var cookies = await tab.Context.CookiesAsync();
        cookies.ShouldContain(c => c.Name == "dossiers-console");
        var answer = await tab.Context.APIRequest.GetAsync("/api/dossiers?q=An", new()
        {
            Headers = new Dictionary<string, string> { ["Cookie"] = string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")) },
        });
        answer.Status.ShouldBe(401);
    }
}
