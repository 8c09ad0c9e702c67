using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Dossiers.Tests.Security;

/// <summary>
/// Every route of the OpenAPI document, called with no token, then with each role it does not admit: 401, then 403.
/// A new route without an explicit role policy fails here.
/// </summary>
public class when_walking_every_route(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly HashSet<string> Anonymous =
    [
        "/health", "/health/live", "/health/ready", "/metrics", "/api/lookup/{dossierCode}", "/api/lookup/results/{token}", "/api/lookup/evaluations/{token}",
        "/api/public/procedures", "/api/public/procedures/{code}",
    ];

    private sealed record Route(string Method, string Path, IReadOnlyList<string>? Roles, bool AllowsAnonymous);

    private async Task<IReadOnlyList<Route>> Routes()
    {
        var document = JsonNode.Parse(await (await Host.Scenario(s => s.Get.Url("/openapi/v1.json"))).ReadAsTextAsync())!;
        var endpoints = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var routes = new List<Route>();
        foreach (var (path, operations) in document["paths"]!.AsObject())
            foreach (var (method, _) in operations!.AsObject())
            {
                var endpoint = endpoints.Single(e => "/" + e.RoutePattern.RawText!.TrimStart('/') == path
                    && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Contains(method.ToUpperInvariant()));
                var roles = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Roles).LastOrDefault(r => r is not null);
                routes.Add(new Route(method.ToUpperInvariant(), path, roles?.Split(','), endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null));
            }
        return routes;
    }

    private static string Concrete(string path) => path
        .Replace("{id}", Guid.NewGuid().ToString()).Replace("{taskId}", "appraise").Replace("{agency}", "057.02.90.H48")
        .Replace("{definitionId}", "1.004194-tam-tru").Replace("{version}", "1").Replace("{dossierCode}", "057.01.90.H48-260302-0001")
        .Replace("{sha256}", new string('a', 64)).Replace("{token}", new string('A', 64));

    private Task<IScenarioResult> Call(Route route, string? token) => Host.Scenario(s =>
    {
        var url = Concrete(route.Path);
        if (route.Method == "GET") s.Get.Url(url);
        else if (route.Method == "PUT") s.Put.Json(new { }).ToUrl(url);
        else s.Post.Json(new { }).ToUrl(url);
        if (token is not null) s.WithBearerToken(token);
        s.IgnoreStatusCode();
    });

    [Fact]
    public async Task the_openapi_document_covers_every_api_route()
    {
        var documented = (await Routes()).Select(r => $"{r.Method} {r.Path}").ToHashSet();
        var api = Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.TrimStart('/').StartsWith("api/"))
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"));
        api.ShouldAllBe(route => documented.Contains(route));
        documented.Count.ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task only_the_public_routes_are_anonymous_and_every_other_route_names_its_roles()
    {
        foreach (var route in await Routes())
        {
            if (Anonymous.Contains(route.Path)) { route.AllowsAnonymous.ShouldBeTrue(route.Path); continue; }
            route.AllowsAnonymous.ShouldBeFalse($"{route.Method} {route.Path} must not be anonymous");
            route.Roles.ShouldNotBeNull($"{route.Method} {route.Path} declares no roles");
        }
    }

    [Fact]
    public async Task without_a_token_every_protected_route_answers_401()
    {
        foreach (var route in (await Routes()).Where(r => !Anonymous.Contains(r.Path)))
            (await Call(route, null)).Context.Response.StatusCode.ShouldBe(401, $"{route.Method} {route.Path}");
    }

    [Fact]
    public async Task with_a_role_it_does_not_admit_every_route_answers_403()
    {
        var checkedCalls = 0;
        foreach (var route in (await Routes()).Where(r => r.Roles is not null))
            foreach (var role in Roles.All.Except(route.Roles!))
            {
                var token = Token(role, agency: role == Roles.Officer ? "057.02.90.H48" : null);
                (await Call(route, token)).Context.Response.StatusCode.ShouldBe(403, $"{route.Method} {route.Path} as {role}");
                checkedCalls++;
            }
        checkedCalls.ShouldBeGreaterThan(50);
    }

    [Fact]
    public async Task the_national_portal_reaches_its_own_route_and_no_other()
    {
        var routes = await Routes();

        routes.Where(r => r.Roles?.Contains(Roles.Portal) == true).Select(r => $"{r.Method} {r.Path}").ShouldBe(["POST /api/portal/dossiers"]);
        routes.Single(r => r.Path == "/api/portal/dossiers").Roles!.ShouldBe([Roles.Portal]);
        Roles.All.ShouldContain(Roles.Portal);   // so the walk above calls every other route with a portal token (403)
    }

    [Fact]
    public async Task auditors_can_call_no_command()
    {
        foreach (var route in (await Routes()).Where(r => r.Method != "GET" && r.Roles is not null))
            route.Roles!.ShouldNotContain(Roles.Auditor, route.Path);
    }
}
