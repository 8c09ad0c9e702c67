using Dossiers.Tests.Fixtures;
using Dossiers.Tests.Nodes;
using Microsoft.Playwright;
using Npgsql;

namespace Dossiers.Tests.WebConsole;

/// <summary>
/// The web console as a person meets it: the real API process (the suite's build, on a real Kestrel port a browser can
/// reach, Development on the suite's PostgreSQL in a schema of its own, its clock on a working Monday morning) and the
/// machine's Debian Chromium driven by Playwright (no browser download: /usr/bin/chromium, installed by ./test.sh).
/// A class fixture of classes in the integration collection: the browser tests run one after another with the rest of
/// the integration tests, never beside the node tests, whose timing a browser and a second API process would disturb.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Schema = "console_browser";
    public const string Chromium = "/usr/bin/chromium";
    private const float Patience = 30_000;

    private IPlaywright? _playwright;
    public ApiNode Api { get; private set; } = null!;   // set in InitializeAsync
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("DOSSIERS_DB") is not { Length: > 0 } connectionString)
            throw new InvalidOperationException("Browser tests need PostgreSQL: run ./test.sh, or set DOSSIERS_DB.");
        if (!File.Exists(Chromium))
            throw new InvalidOperationException($"Browser tests need Chromium at {Chromium}: ./test.sh installs Debian's chromium package.");
        // Each run starts from an empty store, so what a page lists is what the tests put there.
        await using (var database = NpgsqlDataSource.Create(connectionString))
            await database.Execute($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        // Balanced durability like every node the suite starts: a second Solo process on the suite's database would
        // contend with the suite's own Solo host for the same advisory locks (timers and the daemon stall there).
        Api = await ApiNode.Start("console", new ApiNode.Settings(Schema, ShiftedClock.MondayMorning - DateTimeOffset.UtcNow));
        // A fresh API process pays for each page's first visit (its code compiled by the JIT, and before the adaptor code
        // was generated ahead of time, each endpoint by Roslyn): on a loaded two-core CI machine one click that opened
        // four new endpoints once took over 15 s. Waiting is not what these tests judge: 30 s for actions, assertions
        // and navigations alike.
        Assertions.SetDefaultExpectTimeout(Patience);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // As root (CI, this machine) Chromium needs its sandbox off; /dev/shm is small in containers.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) at 1366×768, in Vietnamese and Vietnam's time zone.</summary>
    public async Task<ConsolePage> NewPage(ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Api.Address.ToString().TrimEnd('/'),
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 768 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
        context.SetDefaultTimeout(Patience);
        context.SetDefaultNavigationTimeout(Patience);
        return new ConsolePage(context, await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (Api is not null) await Api.DisposeAsync();
    }
}


/// <summary>
/// One browser tab. Every console message of type error and every uncaught page error is kept, and disposing the page
/// fails the test if there was any (an expected error status, such as the 403 page, is allowed by name first).
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    private readonly List<string> _errors = [];
    private readonly List<string> _allowed = [];
    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public ConsolePage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) => { if (message.Type == "error") lock (_errors) _errors.Add($"console: {message.Text} ({message.Location})"); };
        page.PageError += (_, error) => { lock (_errors) _errors.Add($"page error: {error}"); };
    }

    /// <summary>Chrome logs an error status of the page itself as a console error; a test that expects one says so.</summary>
    public void AllowStatus(int status) => _allowed.Add($"status of {status}");

    public IReadOnlyList<string> Errors
    {
        get { lock (_errors) return [.. _errors.Where(e => !_allowed.Any(e.Contains))]; }
    }

    /// <summary>Signs in through the development sign-in page, as a person would.</summary>
    public async Task SignIn(string role, string? agency, string user)
    {
        await Page.GotoAsync("/console/sign-in");
        await Page.GetByLabel("Vai trò").SelectOptionAsync(role);
        await Page.GetByLabel("Đơn vị (mã)").FillAsync(agency ?? "");
        await Page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("who")).ToContainTextAsync(user);
    }

    /// <summary>
    /// The page as a PNG: into docs/screenshots (committed, shown in README.md) when DOSSIERS_SCREENSHOTS=docs, so an
    /// ordinary run leaves the checkout clean; otherwise beside the test binaries.
    /// </summary>
    public Task Screenshot(string name) => Page.ScreenshotAsync(new PageScreenshotOptions
    {
        Path = Path.Combine(Environment.GetEnvironmentVariable("DOSSIERS_SCREENSHOTS") == "docs"
            ? Path.Combine(RepositoryRoot.Path, "docs", "screenshots") : Path.Combine(AppContext.BaseDirectory, "screenshots"), $"{name}.png"),
    });

    public async ValueTask DisposeAsync()
    {
        var errors = Errors;
        await Context.DisposeAsync();
        if (errors.Count > 0)
            throw new Xunit.Sdk.XunitException("The browser reported errors:\n" + string.Join("\n", errors));
    }
}
