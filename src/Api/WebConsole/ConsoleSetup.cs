using Dossiers.Api.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Dossiers.Api.WebConsole;

/// <summary>
/// The web console for the people who use the service (docs/console.md): server-rendered Razor Pages under
/// <c>/console</c>, signed in with a cookie of their own scheme. The API's JWT bearer scheme stays the default and is
/// untouched: the cookie is only ever looked at by the console's pages, and the pages reach the dossiers through the
/// HTTP API with the user's own token (<see cref="ConsoleApi"/>), so every rule is the API's.
/// </summary>
public static class ConsoleSetup
{
    /// <summary>The console's cookie scheme; nothing outside <c>/console</c> authenticates with it.</summary>
    public const string Scheme = "Console";

    /// <summary>OpenID Connect, the console's way in when the API trusts an authority (Auth:Authority).</summary>
    public const string OidcScheme = "ConsoleOidc";

    public const string PathBase = "/console";

    public static WebApplicationBuilder AddDossierConsole(this WebApplicationBuilder builder)
    {
        var auth = AuthSettings.From(builder.Configuration);
        var settings = ConsoleSettings.From(builder.Configuration, builder.Environment, auth);
        builder.Services.AddSingleton(settings);

        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/WebConsole/Pages";
            options.Conventions.Add(new ConsoleRoutes());
            options.Conventions.AuthorizeFolder("/", ConsolePolicies.SignedIn);
            options.Conventions.AllowAnonymousToPage("/SignIn");
            options.Conventions.AllowAnonymousToPage("/Forbidden");
            foreach (var (folder, policy) in ConsolePolicies.Folders) options.Conventions.AuthorizeFolder(folder, policy);
        })
        // The pages read and write no JSON through MVC (there are no controllers): the API's JSON stays the one
        // minimal-API convention (DossierStore.ConfigureJson), and nothing that looks for MVC's JSON formatters (the
        // test host's reader does) finds a second, differently configured one.
        .AddMvcOptions(mvc =>
        {
            mvc.InputFormatters.RemoveType<Microsoft.AspNetCore.Mvc.Formatters.SystemTextJsonInputFormatter>();
            mvc.OutputFormatters.RemoveType<Microsoft.AspNetCore.Mvc.Formatters.SystemTextJsonOutputFormatter>();
        });
        // Vietnamese as itself in the HTML, not as character references.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "dossiers-console-af";
            options.Cookie.Path = PathBase;
            options.HeaderName = "RequestVerificationToken";   // htmx requests carry the token in this header
        });

        var authentication = builder.Services.AddAuthentication();   // the default scheme stays JWT bearer (AuthSetup)
        authentication.AddCookie(Scheme, options =>
        {
            options.Cookie.Name = "dossiers-console";
            options.Cookie.Path = PathBase;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = $"{PathBase}/sign-in";
            options.LogoutPath = $"{PathBase}/sign-out";
            options.AccessDeniedPath = $"{PathBase}/forbidden";
            // A working day; the API token inside expires on its own schedule and the pages then ask to sign in again.
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = false;
            if (settings.UsesOidc) options.ForwardChallenge = OidcScheme;
        });
        if (settings.UsesOidc)
            authentication.AddOpenIdConnect(OidcScheme, options =>
            {
                options.Authority = auth.Authority;
                options.ClientId = settings.ClientId;
                options.ClientSecret = settings.ClientSecret;
                options.ResponseType = "code";
                options.UsePkce = true;
                options.SaveTokens = true;   // the access token is what the pages send to the API
                options.SignInScheme = Scheme;
                options.CallbackPath = $"{PathBase}/signin-oidc";
                options.SignedOutCallbackPath = $"{PathBase}/signout-callback-oidc";
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = true;
                options.Scope.Clear();
                foreach (var scope in settings.Scopes) options.Scope.Add(scope);
                options.TokenValidationParameters.NameClaimType = ClaimNames.User;
                options.TokenValidationParameters.RoleClaimType = ClaimNames.Role;
                options.Events.OnTokenValidated = ConsoleIdentity.FromAccessToken;
            });

        builder.Services.AddAuthorization(options =>
        {
            foreach (var (name, roles) in ConsolePolicies.All)
                options.AddPolicy(name, policy =>
                {
                    policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser();
                    if (roles.Length > 0) policy.RequireRole(roles);
                });
        });

        // Cookies and antiforgery tokens must open on every node: the keys live in the shared database.
        builder.Services.AddDataProtection().SetApplicationName("dossiers");
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = services.GetRequiredService<DataProtectionKeys>()));
        builder.Services.AddSingleton<DataProtectionKeys>();
        Marten.MartenServiceCollectionExtensions.ConfigureMarten(builder.Services, options => DataProtectionKeys.Register(options));
        // ASP.NET Core reads the key ring while the host starts (its DataProtectionHostedService), through the
        // synchronous key repository: that blocked wait on the database, beside Wolverine's and Marten's own start,
        // held a restarted node 30-45 s before it was healthy. The ring is read at the console's first request instead.
        foreach (var preload in builder.Services.Where(d => d.ImplementationType?.Name == "DataProtectionHostedService").ToList())
            builder.Services.Remove(preload);

        builder.Services.AddHttpClient(ConsoleApi.ClientName);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<ConsoleApi>();
        // The dashboard's live updates and the wall screen's sign-in (Dashboard/).
        Dashboard.FigureChanges.Register(builder.Services);
        builder.Services.AddSingleton(Dashboard.KioskSettings.From(builder.Configuration));
        return builder;
    }

    public static WebApplication MapDossierConsole(this WebApplication app)
    {
        var assets = Path.Combine(AppContext.BaseDirectory, "console-assets");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(assets),
            RequestPath = $"{PathBase}/assets",
            // Vendored files carry their version in their name; the console's own CSS and script are small.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl =
                context.File.Name.Contains("-") && context.Context.Request.Path.StartsWithSegments($"{PathBase}/assets/vendor")
                    ? "public, max-age=31536000, immutable" : "no-cache",
        });
        app.UseWhen(context => context.Request.Path.StartsWithSegments(PathBase), console => console.Use(async (context, next) =>
        {
            // Scripts only from our own files (no inline script, no eval); styles may be inline (Mermaid writes them).
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            await next();
        }));
        app.MapRazorPages();
        // The service's front door: where people find the console and the API's documentation.
        app.MapGet("/", () => Results.Content(FrontDoor, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private const string FrontDoor = """
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Hệ thống quản lý hồ sơ một cửa</title><link rel="icon" href="/console/assets/favicon.svg" type="image/svg+xml"></head>
        <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
        <h1>Hệ thống quản lý hồ sơ thủ tục hành chính</h1>
        <ul>
        <li><a href="/console">Bảng điều khiển cho cán bộ (đăng nhập)</a></li>
        <li><a href="/docs">Tài liệu API</a></li>
        </ul></body></html>
        """;

    /// <summary>Every page lives under /console, whatever folder its file sits in.</summary>
    private sealed class ConsoleRoutes : IPageRouteModelConvention
    {
        public void Apply(PageRouteModel model)
        {
            foreach (var selector in model.Selectors)
                selector.AttributeRouteModel = AttributeRouteModel.CombineAttributeRouteModel(
                    new AttributeRouteModel { Template = PathBase.TrimStart('/') }, selector.AttributeRouteModel);
        }
    }
}

/// <summary>Who may open which folder of pages. The API still decides every read and command on its own.</summary>
public static class ConsolePolicies
{
    public const string SignedIn = "console";
    public const string Desk = "console-desk";
    public const string AgencyStaff = "console-agency-staff";
    public const string DossierReaders = "console-dossier-readers";
    public const string Auditors = "console-auditors";
    public const string WorkflowKeepers = "console-workflow-keepers";
    public const string Integrators = "console-integrators";
    public const string Dashboard = "console-dashboard";

    public static readonly IReadOnlyList<(string Name, string[] Roles)> All =
    [
        (SignedIn, []),
        (Desk, [Roles.Desk]),
        (AgencyStaff, Roles.AgencyStaff.Split(',')),
        (DossierReaders, Roles.DossierReaders.Split(',')),
        (Auditors, [Roles.Auditor, Roles.Controller, Roles.Admin]),
        (WorkflowKeepers, [Roles.Integrator, Roles.Controller, Roles.Admin]),
        (Integrators, [Roles.Integrator]),
        (Dashboard, [Roles.Controller, Roles.Admin, Roles.Kiosk]),
    ];

    /// <summary>Page folders and the policy each needs (pages not listed need only a signed-in user).</summary>
    public static readonly IReadOnlyList<(string Folder, string Policy)> Folders =
    [
        ("/Desk", Desk),
        ("/Inbox", AgencyStaff),
        ("/Dossiers", DossierReaders),
        ("/Search", DossierReaders),
        ("/Audit", Auditors),
        ("/Workflows", WorkflowKeepers),
        ("/Dashboard", Dashboard),
    ];
}

/// <summary>How the console signs people in, from configuration (docs/console.md).</summary>
public sealed record ConsoleSettings(bool UsesOidc, bool DevelopmentSignIn, string ClientId, string? ClientSecret, IReadOnlyList<string> Scopes,
    string? ApiAddress)
{
    public static ConsoleSettings From(IConfiguration configuration, IHostEnvironment environment, AuthSettings auth)
    {
        var section = configuration.GetSection("Console");
        var usesOidc = auth.Authority is not null;
        return new ConsoleSettings(
            usesOidc,
            // The same rule as the token command: never in Production, and only with the key the API trusts.
            DevelopmentSignIn: !usesOidc && !environment.IsProduction() && auth.SigningKey is not null,
            section["ClientId"] is { Length: > 0 } clientId ? clientId : "dossiers-console",
            section["ClientSecret"] is { Length: > 0 } secret ? secret : null,
            (section["Scopes"] is { Length: > 0 } scopes ? scopes : "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries),
            section["ApiAddress"] is { Length: > 0 } address ? address : null);
    }
}
