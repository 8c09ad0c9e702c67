using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Hosting;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dossiers.Tests.Api;

public class when_operating_the_service(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task health_reports_the_database_reachable_without_a_token()
    {
        // Readiness also judges the projections, from figures read every 5 s: right after the store was reset for this
        // class they may still describe the previous class's events, so wait for a reading of this store.
        var body = await Eventually.Get(async () =>
        {
            var result = await Host.Scenario(s =>
            {
                s.Get.Url("/health");
                s.IgnoreStatusCode();
            });
            return result.Context.Response.StatusCode == 200 ? await result.ReadAsTextAsync() : null;
        }, TimeSpan.FromSeconds(30), "a healthy answer");
        body.ShouldContain("\"database\":\"reachable\"");
    }

    [Fact]
    public async Task the_openapi_document_lists_the_dossier_routes()
    {
        var result = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        var document = await result.ReadAsTextAsync();
        document.ShouldContain("\"/api/dossiers\"");
        document.ShouldContain("\"/api/dossiers/{id}\"");
    }

    [Fact]
    public async Task every_dossier_command_documents_its_answers()
    {
        var result = await Host.Scenario(s => s.Get.Url("/openapi/v1.json"));
        var paths = (await result.ReadAsJsonAsync<System.Text.Json.JsonElement>()).GetProperty("paths");

        IEnumerable<string> Answers(string path) => paths.GetProperty(path).GetProperty("post").GetProperty("responses").EnumerateObject().Select(r => r.Name);

        Answers("/api/dossiers/{id}/refuse").ShouldBe(["200", "400", "403", "404", "409", "412", "422"], ignoreOrder: true);
        Answers("/api/dossiers/{id}/tasks/{taskId}/complete").ShouldContain("412");
        Answers("/api/dossiers").ShouldContain("201");
        Answers("/api/dossiers").ShouldNotContain("412");
    }

    [Fact]
    public async Task the_api_reference_is_served_at_docs()
    {
        var result = await Host.Scenario(s => s.Get.Url("/docs/"));
        (await result.ReadAsTextAsync()).ShouldContain("openapi/v1.json");
    }

    [Fact]
    public async Task a_token_from_the_cli_is_accepted_and_carries_role_and_agency()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        int? exit;
        try
        {
            exit = Cli.TryRun(["token", "--role", "desk", "--agency", "057.01.90.H48", "--user", "desk.lan"],
                Host.Services.GetRequiredService<IConfiguration>(), Host.Services.GetRequiredService<IHostEnvironment>());
        }
        finally { Console.SetOut(original); }

        exit.ShouldBe(0);
        var token = output.ToString().Trim().Split('\n').Last();
        var created = await Host.SubmittedDossier(token);
        await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dossiers/{created.Id}");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(200);
        });
    }

    [Theory]
    [InlineData("officer", "XYZ")]             // not in the registry
    [InlineData("officer", "000.99.99.H48")]   // shaped like a code, but no such unit
    [InlineData("desk", "057.02.90.H48")]      // a police unit cannot hold a desk
    [InlineData("desk", null)]                 // a desk works at some centre
    public void the_token_command_refuses_a_unit_the_role_cannot_have(string role, string? agency)
    {
        string[] args = agency is null ? ["token", "--role", role] : ["token", "--role", role, "--agency", agency];
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try { Cli.TryRun(args, Host.Services.GetRequiredService<IConfiguration>(), Host.Services.GetRequiredService<IHostEnvironment>()).ShouldBe(2); }
        finally { Console.SetError(original); }
        error.ToString().ShouldNotBeEmpty();
    }

    [Fact]
    public void the_token_command_refuses_to_run_in_production()
    {
        var production = new FixedEnvironment(Environments.Production);
        Cli.TryRun(["token", "--role", "desk"], Host.Services.GetRequiredService<IConfiguration>(), production).ShouldBe(2);
    }

    [Fact]
    public async Task a_token_signed_with_another_key_is_refused()
    {
        var forged = DevelopmentTokens.Mint(new AuthSettings("dossiers", "dossiers-api", new string('x', 40), null), Roles.Admin);
        await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dossiers/{Guid.NewGuid()}");
            s.WithBearerToken(forged);
            s.StatusCodeShouldBe(401);
        });
    }

    private sealed class FixedEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Dossiers.Api";
        public string ContentRootPath { get; set; } = ".";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
