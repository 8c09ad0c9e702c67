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
        // A byte-order mark survives in text that did not come through a reader that drops it (Elsa's own exporter writes one).
        try { node = JsonNode.Parse(json.TrimStart('\uFEFF'), documentOptions: Options); }
        catch (JsonException e)
        {
            return Failed(source, $"The file is not valid JSON ({e.Message}).", "Fix the JSON syntax at the position given.");
        }
        if (node is not JsonObject root) return Failed(source, "The file must hold one JSON object.", "Export the definition as one object.");
        try { return Read(root, source); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // Every read above is meant never to throw (SafeJson); this is the net under it, so that a file can never
            // take down a folder's validation, the start-up or a request. The fuzz test fails if it is ever needed.
            return Failed(source, $"The file could not be read ({Unreadable}).", "Compare it with docs/workflows.md §1 and fix its shape.");
        }
    }

    /// <summary>Said when a file's shape defeats the reader: no test file may ever get this answer.</summary>
    public const string Unreadable = "a shape the reader does not expect";

    private static WorkflowLoadResult Read(JsonObject root, string source)
    {
        var problems = new List<WorkflowProblem>();
        void Problem(string message, string fix) => problems.Add(new WorkflowProblem(source, null, message, fix));

        var definitionId = root.Text("definitionId");
        if (definitionId is null) Problem("'definitionId' is missing.", "Add the logical id shared by all versions, e.g. \"1.004194-tam-tru\".");
        var version = root["version"] is JsonValue v && v.TryGetValue<int>(out var n) && n > 0 ? n : 0;
        if (version == 0) Problem("'version' must be a positive whole number.", "Set \"version\": 1 for the first version.");
        var name = root.Text("name") ?? definitionId ?? "";

        var procedure = ProcedureReader.Read(root.Get("customProperties").Get("procedure") as JsonObject, source, problems);

        if (root.Get("root") is not JsonObject flowchart || flowchart.Text("type") != ActivityTypes.Flowchart)
        {
            Problem($"'root' must be an activity of type '{ActivityTypes.Flowchart}'.", "Put the activities and connections in a flowchart root.");
            return new WorkflowLoadResult(null, problems);
        }

        var activities = flowchart.Get("activities").Items().Select((a, i) => ReadActivity(a, i, source, problems))
            .OfType<Activity>().ToList();
        var connections = ConnectionItems(flowchart.Get("connections")).Select((c, i) => ReadConnection(c, i, source, problems))
            .OfType<Connection>().ToList();

        if (definitionId is null || version == 0 || procedure is null)
            return new WorkflowLoadResult(null, problems);
        return new WorkflowLoadResult(
            new WorkflowDefinition(definitionId, version, name, procedure, activities, connections, root), problems);
    }

    private static Activity? ReadActivity(JsonNode? json, int index, string source, List<WorkflowProblem> problems)
    {
        var id = json.Text("id");
        var type = json.Text("type");
        if (json is not JsonObject || id is null || type is null)
        {
            problems.Add(new WorkflowProblem(source, id, $"Activity #{index + 1} has no 'id' or no 'type'.", "Give every activity a unique id and a type."));
            return null;
        }
        var inputs = new ActivityInputs((JsonObject)json, id, source, problems);
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

    /// <summary>As Elsa's reader takes them: a list, a list wrapped by a .NET reference-preserving writer, or one connection.</summary>
    private static IEnumerable<JsonNode?> ConnectionItems(JsonNode? connections) => connections switch
    {
        JsonArray list => list,
        JsonObject wrapped when wrapped.Get("$values") is JsonArray list => list,
        // Not [one]: the arms' type is JsonArray, whose collection expression would take the node from its parent.
        JsonObject one => new[] { one },
        _ => [],
    };

    /// <summary>
    /// Elsa writes <c>{"source": {"activity", "port"}, "target": {"activity", "port"}}</c>; its reader still takes the
    /// flat shape of earlier exports, <c>{"source": "a", "sourcePort": "Done", "target": "b", "targetPort": "In"}</c>.
    /// </summary>
    private static Connection? ReadConnection(JsonNode? json, int index, string source, List<WorkflowProblem> problems)
    {
        var (from, port) = Endpoint(json, "source", "sourcePort");
        var (to, targetPort) = Endpoint(json, "target", "targetPort");
        targetPort ??= "In";
        if (from is null || port is null || to is null)
        {
            problems.Add(new WorkflowProblem(source, from, $"Connection #{index + 1} lacks a source activity, a source port or a target activity.",
                "Write {\"source\": {\"activity\", \"port\"}, \"target\": {\"activity\", \"port\": \"In\"}} " +
                "or {\"source\", \"sourcePort\", \"target\", \"targetPort\"}."));
            return null;
        }
        if (targetPort != "In")
            problems.Add(new WorkflowProblem(source, from, $"Connection #{index + 1} targets port '{targetPort}' of '{to}'.", "Connections enter an activity at port \"In\"."));
        return new Connection(from, port, to);
    }

    private static (string? Activity, string? Port) Endpoint(JsonNode? connection, string side, string flatPort) =>
        connection.GetEitherCase(side) is JsonObject end
            ? (end.GetEitherCase("activity").AsText(), end.GetEitherCase("port").AsText())
            : (connection.GetEitherCase(side).AsText(), connection.GetEitherCase(flatPort).AsText());

    private static WorkflowLoadResult Failed(string source, string message, string fix) =>
        new(null, [new WorkflowProblem(source, null, message, fix)]);
}
