using System.Text.Json.Nodes;
using Dossiers.Tests.Fixtures;
using Json.Schema;

namespace Dossiers.Tests.Engine.Workflows;

/// <summary>
/// workflows/workflow.schema.json is what an editor checks a file with: it must take what Elsa writes (issue 15: null
/// names, memoryReference, flat connections, empty literals) as well as every shipped definition.
/// </summary>
public class when_checking_files_against_the_schema
{
    private static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "workflow.schema.json")));

    private static void ShouldConform(string json, string name)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        result.IsValid.ShouldBeTrue($"{name}: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}").Take(8)));
    }

    public static TheoryData<string> ShippedFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "workflows"), "*.v*.json").Select(f => Path.GetFileName(f)!).Order()];

    [Theory, MemberData(nameof(ShippedFiles))]
    public void every_shipped_definition_conforms(string file) =>
        ShouldConform(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", file)), file);

    [Fact]
    public void what_elsa_writes_conforms()
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "1.004194-tam-tru.v1.json")))!.AsObject();
        definition["name"] = null;
        var activities = definition.Activities();
        activities[0]!["name"] = null;
        activities[0]!["title"] = JsonNode.Parse("""{"typeName": "String", "memoryReference": {"id": "a:input-1"}}""");
        activities[1]!["agency"] = JsonNode.Parse("""{"typeName": "String", "expression": {"type": "Literal", "value": "competent:police"}, "memoryReference": {"id": "b:input-1"}}""");
        activities[1]!["role"] = JsonNode.Parse("""{"typeName": "String", "expression": {"type": "Literal"}}""");
        var connections = definition["root"]!["connections"]!.AsArray();
        connections[0] = JsonNode.Parse("""{"source": "intake", "sourcePort": "Accepted", "target": "appraise", "targetPort": "In"}""");

        ShouldConform(definition.ToJsonString(), "tạm trú written as Elsa writes it");
    }
}
