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
        var code = json.Text("code");
        if (code is null || !CodePattern().IsMatch(code))
            Problem($"The procedure code '{code}' is not a national procedure code.", "Use the mã TTHC, e.g. \"1.004222\".");
        var name = json.Text("name");
        if (name is null) Problem("The procedure has no name.", "Add customProperties.procedure.name.");
        var legalTime = ReadBudget(json.Get("legalTime"));
        if (legalTime is null) Problem("The procedure's 'legalTime' is missing or invalid.", "Add \"legalTime\": {\"amount\": 3, \"unit\": \"WorkingDays\"}.");
        if (code is null || name is null || legalTime is null || !CodePattern().IsMatch(code)) return null;

        return new ProcedureInfo(
            code, name, json.Text("level") ?? "commune", legalTime,
            Read<List<Fee>>(json, "fees", "[{\"name\": \"Lệ phí\", \"amount\": 10000}]", fees => fees.All(f => !string.IsNullOrWhiteSpace(f?.Name) && f.Amount >= 0), problems, source) ?? [],
            Read<List<RequiredDocument>>(json, "documents", "[{\"name\": \"Tờ khai\", \"kind\": \"original\"}]", documents => documents.All(d => !string.IsNullOrWhiteSpace(d?.Name)), problems, source) ?? [],
            Read<PauseRules>(json, "pauses", "{\"supplement\": true, \"payment\": false}", _ => true, problems, source) ?? new PauseRules(),
            Read<ProcedureRules>(json, "rules", "{\"maxSupplementRequests\": 1}", r => r.MaxSupplementRequests >= 0 && r.MaxReschedules >= 0 && r.ApologyMinWorkingDaysBefore >= 0 && r.ApologyMaxWorkingDaysAfter > 0 && r.OnlineIntakeWorkingHours > 0, problems, source) ?? ProcedureRules.Default,
            json.Text("legalBasis"),
            BoundaryFree(json.Get("boundaryFree"), source, problems));
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
            && TimeUnitParser.TryParse(o.Text("unit"), out var unit)
            ? new Budget(amount, unit) : null;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>An optional part of the procedure; a wrong shape is a problem, never a silent default.</summary>
    private static T? Read<T>(JsonObject procedure, string name, string example, Func<T, bool> sensible, List<WorkflowProblem> problems, string source)
        where T : class
    {
        if (procedure.Get(name) is not { } node) return null;
        try
        {
            if (node.Deserialize<T>(Json) is { } value && sensible(value)) return value;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException or ArgumentException) { }
        problems.Add(new WorkflowProblem(source, null, $"'customProperties.procedure.{name}' has the wrong shape.", $"Write it as e.g. {example}."));
        return null;
    }
}
