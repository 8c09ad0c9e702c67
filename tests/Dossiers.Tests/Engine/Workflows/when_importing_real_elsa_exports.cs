using System.Text.Json.Nodes;
using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

/// <summary>
/// Workflow files Elsa 3.0–3.6 wrote, kept unmodified (tests/Dossiers.Tests/Engine/ElsaExports, provenance in its
/// README). As they are, they are refused cleanly, each activity we do not execute named. Rewritten as an integrator
/// would (the same envelope, ids, designer metadata, input wrapping and connection shape, with our activity types),
/// they load and keep their graph; a graph that relies on Elsa's implicit fork is refused naming the port.
/// </summary>
public class when_importing_real_elsa_exports
{
    public static TheoryData<string> Exports() => [.. ElsaExports.Files.Select(f => Path.GetFileName(f)!)];

    /// <summary>Exports whose graph our engine runs as it is drawn: 3.0 and 3.1 (flat connections), 3.6 (with a BOM).</summary>
    public static TheoryData<string> Runnable() =>
    [
        "elsa-3.0-sample-get-all-users-workflow.json", "elsa-3.1-implicit-loop.json", "elsa-3.1-output-mapping-consumer-csharp.json",
        "elsa-3.6-decision-merge-join-none.json", "elsa-3.6-import-timer-workflow-bom.json",
    ];

    /// <summary>Exports that start parallel work by connecting one port to several activities (Elsa's implicit fork).</summary>
    public static TheoryData<string> ImplicitForks() =>
        ["elsa-3.0-explicit-join-all-1.json", "elsa-3.0-flowchart-completion-workflow4.json", "elsa-3.6-fork-decision-join-waitall.json"];

    private static string Text(string file) => File.ReadAllText(Path.Combine(ElsaExports.Folder, file));

    [Fact]
    public void the_fixtures_span_elsa_versions_and_both_connection_shapes()
    {
        ElsaExports.Files.Count.ShouldBeGreaterThanOrEqualTo(8);
        foreach (var version in new[] { "3.0", "3.1", "3.2", "3.3", "3.6" })
            ElsaExports.Files.ShouldContain(f => Path.GetFileName(f).StartsWith($"elsa-{version}-"));
        ElsaExports.Files.Select(File.ReadAllText).ShouldContain(t => t.Contains("\"sourcePort\""));
        ElsaExports.Files.Select(File.ReadAllText).ShouldContain(t => t.Contains("\"memoryReference\""));
    }

    [Theory, MemberData(nameof(Exports))]
    public void an_unmodified_export_is_refused_naming_each_activity_we_do_not_execute(string file)
    {
        var export = JsonNode.Parse(Text(file))!;

        var result = WorkflowValidator.LoadAndValidate(Text(file), file, TestDefinitions.Agencies);

        result.IsValid.ShouldBeFalse();
        result.Problems.ShouldAllBe(p => p.Source == file && !p.Message.Contains(WorkflowLoader.Unreadable));
        foreach (var activity in export["root"]!["activities"]!.AsArray()
                     .Where(a => !ActivityTypes.Supported.Contains(a!["type"]!.GetValue<string>())))
            result.Problems.ShouldContain(p => p.ActivityId == activity!["id"]!.GetValue<string>()
                                               && p.Message.Contains($"type '{activity["type"]!.GetValue<string>()}'"), file);
    }

    [Theory, MemberData(nameof(Runnable))]
    public void a_variant_with_our_activity_types_loads_and_keeps_its_graph(string file)
    {
        var export = JsonNode.Parse(Text(file))!.AsObject();
        var variant = Variant(export);

        var result = WorkflowValidator.LoadAndValidate(variant.ToJsonString(), file, TestDefinitions.Agencies);

        result.Problems.ShouldBeEmpty();
        var definition = result.Definition!;
        var edges = Edges(export);
        definition.Activities.Select(a => a.Id).Order().ShouldBe(Ids(export).Order());
        definition.Connections.Select(c => (c.Source, c.Target)).Order().ShouldBe(edges.Select(e => (e.From, e.To)).Order());
        // Ports stay as drawn, but the intake's: ours leaves the desk by Accepted where Elsa's start leaves by Done.
        definition.Connections.Where(c => c.Source != definition.Intake!.Id).Select(c => (c.Source, c.Port, c.Target)).Order()
            .ShouldBe(edges.Where(e => e.From != definition.Intake!.Id).Order());
        definition.Source["toolVersion"]?.ToJsonString().ShouldBe(export["toolVersion"]?.ToJsonString());

        var diagram = MermaidDiagram.Render(definition, TestDefinitions.Agencies).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        diagram.Count(l => l.Contains("-->|")).ShouldBe(edges.Count);
        diagram.Count(l => l.StartsWith("    n_") && !l.Contains("-->")).ShouldBe(Ids(export).Count);
    }

    [Theory, MemberData(nameof(ImplicitForks))]
    public void a_variant_that_forks_implicitly_is_refused_naming_the_port(string file)
    {
        var result = WorkflowValidator.LoadAndValidate(Variant(JsonNode.Parse(Text(file))!.AsObject()).ToJsonString(), file, TestDefinitions.Agencies);

        result.Problems.ShouldContain(p => p.Message.Contains("is connected to") && p.Fix.Contains(ActivityTypes.Fork), file);
    }

    private static List<string> Ids(JsonObject export) =>
        [.. export["root"]!["activities"]!.AsArray().Select(a => a!["id"]!.GetValue<string>())];

    private static List<(string From, string Port, string To)> Edges(JsonObject export) =>
    [
        .. (export["root"]!["connections"] as JsonArray ?? []).Select(c => c!["source"] is JsonObject source
            ? (source["activity"]!.GetValue<string>(), source["port"]!.GetValue<string>(), c["target"]!["activity"]!.GetValue<string>())
            : (c["source"]!.GetValue<string>(), c["sourcePort"]!.GetValue<string>(), c["target"]!.GetValue<string>())),
    ];

    /// <summary>
    /// The export with our types, as an integrator converts it: the activity nothing leads to is the intake, an
    /// activity that leads nowhere an end (Elsa.Fault a rejection), Elsa's flow decisions, forks and joins stay,
    /// every other activity is a task. Inputs are added in Elsa's own wrapping; nothing else changes.
    /// </summary>
    private static JsonObject Variant(JsonObject export)
    {
        var variant = export.DeepClone().AsObject();
        var edges = Edges(export);
        var activities = variant["root"]!["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
        var intake = activities.First(a => edges.All(e => e.To != a["id"]!.GetValue<string>()));
        foreach (var activity in activities)
        {
            var id = activity["id"]!.GetValue<string>();
            var type = activity["type"]!.GetValue<string>();
            if (activity == intake)
            {
                activity["type"] = ActivityTypes.Intake;
                activity["agency"] = Literal("String", "receiving-centre");
            }
            else if (type is ActivityTypes.Decision)
            {
                // Elsa's conditions call Elsa's functions (getCounter()); ours read the dossier.
                if (activity["condition"]?["expression"]?["type"]?.GetValue<string>() is "JavaScript" or "CSharp")
                    activity["condition"]!["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "dossier.data.approved === true" };
            }
            else if (type is ActivityTypes.Fork or ActivityTypes.Join) { }
            else if (edges.All(e => e.From != id))
                activity["type"] = type == "Elsa.Fault" ? ActivityTypes.Reject : ActivityTypes.Result;
            else
            {
                activity["type"] = ActivityTypes.Task;
                activity["agency"] = Literal("String", "competent:police");
                activity["title"] = Literal("String", activity["text"]?["expression"]?["value"]?.ToString() ?? id);
                activity["budget"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = """{"amount":4,"unit":"WorkingHours"}""" } };
            }
        }
        var intakeId = intake["id"]!.GetValue<string>();
        foreach (var connection in (variant["root"]!["connections"] as JsonArray ?? []).Select(c => c!.AsObject()))
            if (connection["source"] is JsonObject source && source["activity"]!.GetValue<string>() == intakeId) source["port"] = "Accepted";
            else if (connection["source"] is JsonValue flat && flat.GetValue<string>() == intakeId) connection["sourcePort"] = "Accepted";
        if (variant["customProperties"] is not JsonObject custom) variant["customProperties"] = custom = [];
        custom["procedure"] = JsonNode.Parse("""{"code": "9.999997", "name": "Nhập từ Elsa", "legalTime": {"amount": 10, "unit": "WorkingDays"}}""");
        variant["version"] = export["version"] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n : 1;
        return variant;
    }

    private static JsonObject Literal(string typeName, string value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
}
