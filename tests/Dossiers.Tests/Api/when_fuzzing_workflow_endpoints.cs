using System.Text.Json.Nodes;
using Dossiers.Api.Auth;
using Dossiers.Tests.Engine.Workflows;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

/// <summary>
/// Mutated definitions sent to validation, draft submission and rehearsal over HTTP (issue 15): every answer is 200/201 or a
/// 400/409 problem, never a 500, never a .NET name or stack frame.
/// </summary>
public class when_fuzzing_workflow_endpoints(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task no_mutant_gets_a_500_or_a_leak()
    {
        var mutator = new DefinitionMutator(seed: 42);
        var seen = new Dictionary<int, int>();
        for (var i = 0; i < 150; i++)
        {
            var text = mutator.Next();
            foreach (var url in new[] { "/api/workflows/validate", "/api/workflows", "/api/workflows/simulate" })
            {
                // A submission gets an id of its own, so that no mutant becomes a version another test submits.
                var body = url switch
                {
                    "/api/workflows" when TryParse(text) is JsonObject o && o.ContainsKey("definitionId") => Renamed(o, $"9.999990-fuzz-{i}"),
                    "/api/workflows/simulate" => $$"""{"definition": {{text}}, "start": "2026-03-02T09:00:00+07:00"}""",
                    _ => text,
                };
                var answer = await Host.Scenario(s =>
                {
                    s.Post.Text(body).ToUrl(url);
                    s.WithRequestHeader("Content-Type", "application/json");
                    s.WithBearerToken(Token(Roles.Integrator));
                    s.IgnoreStatusCode();
                });
                var status = answer.Context.Response.StatusCode;
                seen[status] = seen.GetValueOrDefault(status) + 1;
                var said = answer.ReadAsText();
                status.ShouldBeOneOf([200, 201, 400, 409], $"mutant {i} to {url}: {said}\n{body}");
                said.ShouldNotContain("Exception", customMessage: $"mutant {i} to {url}");
                said.ShouldNotContain("   at ", customMessage: $"mutant {i} to {url}");
            }
        }
        seen.GetValueOrDefault(400).ShouldBeGreaterThan(100);
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static string Renamed(JsonObject definition, string id)
    {
        definition["definitionId"] = id;
        return definition.ToJsonString();
    }
}
