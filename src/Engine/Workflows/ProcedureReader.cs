using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>Reads customProperties.procedure: the catalogue facts and the rule overrides.</summary>
internal static partial class ProcedureReader
{
    [GeneratedRegex(@"^\d\.\d{6}$")]
    public static partial Regex CodePattern();

    public static ProcedureInfo? Read(JsonObject? json, string source, List<WorkflowProblem> problems)
    {
        void Problem(string message, string fix) => problems.Add(new WorkflowProblem(source, null, message, fix));
        if (json is null)
        {
            Problem("'customProperties.procedure' is missing.", "Add the procedure's code, name, level and legal time.");
            return null;
        }
        var code = WorkflowLoader.Text(json, "code");
        if (code is null || !CodePattern().IsMatch(code))
            Problem($"The procedure code '{code}' is not a national procedure code.", "Use the mã TTHC, e.g. \"1.004222\".");
        var name = WorkflowLoader.Text(json, "name");
        if (name is null) Problem("The procedure has no name.", "Add customProperties.procedure.name.");
        var legalTime = ReadBudget(json["legalTime"]);
        if (legalTime is null) Problem("The procedure's 'legalTime' is missing or invalid.", "Add \"legalTime\": {\"amount\": 3, \"unit\": \"WorkingDays\"}.");
        if (code is null || name is null || legalTime is null || !CodePattern().IsMatch(code)) return null;

        return new ProcedureInfo(
            code, name, WorkflowLoader.Text(json, "level") ?? "commune", legalTime,
            Deserialize<List<Fee>>(json["fees"]) ?? [],
            Deserialize<List<RequiredDocument>>(json["documents"]) ?? [],
            Deserialize<PauseRules>(json["pauses"]) ?? new PauseRules(),
            Deserialize<ProcedureRules>(json["rules"]) ?? ProcedureRules.Default,
            WorkflowLoader.Text(json, "legalBasis"),
            BoundaryFree(json["boundaryFree"], source, problems));
    }

    private static bool BoundaryFree(JsonNode? node, string source, List<WorkflowProblem> problems)
    {
        if (node is null) return true;
        if (node is JsonValue v && v.TryGetValue<bool>(out var free)) return free;
        problems.Add(new WorkflowProblem(source, null, "'boundaryFree' must be true or false.",
            "Leave it out (any centre of the province receives), or write false to let only the competent commune's centre receive."));
        return true;
    }

    private static Budget? ReadBudget(JsonNode? node) =>
        node is JsonObject o && o["amount"] is JsonValue a && a.TryGetValue<decimal>(out var amount) && amount > 0
            && TimeUnitParser.TryParse(o["unit"]?.GetValue<string>(), out var unit)
            ? new Budget(amount, unit) : null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static T? Deserialize<T>(JsonNode? node) where T : class
    {
        if (node is null) return null;
        try { return node.Deserialize<T>(Json); }
        catch (JsonException) { return null; }
    }
}
