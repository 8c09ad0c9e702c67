using System.Text.Json;
using System.Text.Json.Nodes;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// Reads the Elsa 3 workflow-definition JSON subset of docs/workflows.md §1–§2. Designer metadata and Elsa's lifecycle
/// fields are kept in <see cref="WorkflowDefinition.Source"/> and otherwise ignored.
/// </summary>
public static class WorkflowLoader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static WorkflowLoadResult LoadFile(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static WorkflowLoadResult Parse(string json, string source)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(json, documentOptions: Options); }
        catch (JsonException e)
        {
            return Failed(source, $"The file is not valid JSON ({e.Message}).", "Fix the JSON syntax at the position given.");
        }
        return node is JsonObject root ? Read(root, source) : Failed(source, "The file must hold one JSON object.", "Export the definition as one object.");
    }

    private static WorkflowLoadResult Read(JsonObject root, string source)
    {
        var problems = new List<WorkflowProblem>();
        void Problem(string message, string fix) => problems.Add(new WorkflowProblem(source, null, message, fix));

        var definitionId = Text(root, "definitionId");
        if (definitionId is null) Problem("'definitionId' is missing.", "Add the logical id shared by all versions, e.g. \"1.004194-tam-tru\".");
        var version = root["version"] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n : 0;
        if (version == 0) Problem("'version' must be a positive whole number.", "Set \"version\": 1 for the first version.");
        var name = Text(root, "name") ?? definitionId ?? "";

        var procedure = ProcedureReader.Read(root["customProperties"]?["procedure"] as JsonObject, source, problems);

        if (root["root"] is not JsonObject flowchart || flowchart["type"]?.GetValue<string>() != ActivityTypes.Flowchart)
        {
            Problem($"'root' must be an activity of type '{ActivityTypes.Flowchart}'.", "Put the activities and connections in a flowchart root.");
            return new WorkflowLoadResult(null, problems);
        }

        var activities = (flowchart["activities"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(a => ReadActivity(a, source, problems)).OfType<Activity>().ToList();
        var connections = (flowchart["connections"] as JsonArray ?? []).Select((c, i) => ReadConnection(c, i, source, problems))
            .OfType<Connection>().ToList();

        if (definitionId is null || version == 0 || procedure is null)
            return new WorkflowLoadResult(null, problems);
        return new WorkflowLoadResult(
            new WorkflowDefinition(definitionId, version, name, procedure, activities, connections, root), problems);
    }

    private static Activity? ReadActivity(JsonObject json, string source, List<WorkflowProblem> problems)
    {
        var id = Text(json, "id");
        var type = Text(json, "type");
        if (id is null || type is null)
        {
            problems.Add(new WorkflowProblem(source, id, "An activity has no 'id' or no 'type'.", "Give every activity a unique id and a type."));
            return null;
        }
        var inputs = new ActivityInputs(json, id, source, problems);
        Activity? activity = type switch
        {
            ActivityTypes.Intake => new IntakeActivity(id, AgencyOf(inputs), inputs.Text("title"), inputs.Budget("budget")),
            ActivityTypes.Task => new TaskActivity(id, AgencyOf(inputs), inputs.Text("role") ?? "officer",
                inputs.Text("title") ?? id, inputs.Budget("budget", required: true) ?? Budget.WorkingDays(0),
                inputs.Names("outcomes") ?? [TaskActivity.DefaultOutcome]),
            ActivityTypes.Decision => new DecisionActivity(id, inputs.Code("condition") ?? "false"),
            ActivityTypes.Fork => new ForkActivity(id, inputs.Names("branches") ?? []),
            ActivityTypes.Join => new JoinActivity(id, JoinModeOf(inputs.Text("mode"), id, source, problems)),
            ActivityTypes.AwaitPayment => new AwaitPaymentActivity(id, AgencyOf(inputs), inputs.Text("title")),
            ActivityTypes.Result => new ResultActivity(id, inputs.Text("title")),
            ActivityTypes.Reject => new RejectActivity(id, inputs.Text("title")),
            _ => null,
        };
        if (activity is null)
            problems.Add(new WorkflowProblem(source, id, $"Activity '{id}' has type '{type}', which this engine does not execute.",
                $"Use one of {string.Join(", ", ActivityTypes.Supported)}."));
        return activity;
    }

    private static AgencyRef AgencyOf(ActivityInputs inputs) => AgencyRef.Parse(inputs.Text("agency", required: true) ?? "");

    private static JoinMode JoinModeOf(string? mode, string id, string source, List<WorkflowProblem> problems)
    {
        switch (mode)
        {
            case null or "WaitAny": return JoinMode.WaitAny;   // Elsa's default
            // Elsa's WaitAllActive waits only for branches still able to arrive: that is what our WaitAll does.
            case "WaitAll" or "WaitAllActive": return JoinMode.WaitAll;
            default:
                problems.Add(new WorkflowProblem(source, id, $"Join mode '{mode}' is unknown.", "Use WaitAll or WaitAny."));
                return JoinMode.WaitAll;
        }
    }

    private static Connection? ReadConnection(JsonNode? json, int index, string source, List<WorkflowProblem> problems)
    {
        var from = json?["source"]?["activity"]?.GetValue<string>();
        var port = json?["source"]?["port"]?.GetValue<string>();
        var to = json?["target"]?["activity"]?.GetValue<string>();
        var targetPort = json?["target"]?["port"]?.GetValue<string>() ?? "In";
        if (from is null || port is null || to is null)
        {
            problems.Add(new WorkflowProblem(source, from, $"Connection #{index + 1} lacks a source activity, a source port or a target activity.",
                "Write {\"source\": {\"activity\", \"port\"}, \"target\": {\"activity\", \"port\": \"In\"}}."));
            return null;
        }
        if (targetPort != "In")
            problems.Add(new WorkflowProblem(source, from, $"Connection #{index + 1} targets port '{targetPort}' of '{to}'.", "Connections enter an activity at port \"In\"."));
        return new Connection(from, port, to);
    }

    internal static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    private static WorkflowLoadResult Failed(string source, string message, string fix) =>
        new(null, [new WorkflowProblem(source, null, message, fix)]);
}
