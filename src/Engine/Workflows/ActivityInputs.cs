using System.Text.Json;
using System.Text.Json.Nodes;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// Reads an activity's inputs in both shapes: Elsa's <c>{"typeName", "expression": {"type", "value"}}</c> and the
/// plain value of hand-written files. Unsupported expression types become problems naming the input.
/// </summary>
internal sealed class ActivityInputs(JsonObject activity, string activityId, string source, List<WorkflowProblem> problems)
{
    public string? Text(string name, bool required = false)
    {
        var value = Value(name, required);
        if (value is null) return null;
        if (value is JsonValue v && v.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text)) return text.Trim();
        Problem($"Input '{name}' must be a non-empty text.", $"Give '{name}' a text value.");
        return null;
    }

    public Budget? Budget(string name, bool required = false)
    {
        var value = Value(name, required);
        if (value is null) return null;
        if (value is JsonObject o && o["amount"] is JsonValue amount && amount.TryGetValue<decimal>(out var a)
            && TimeUnitParser.TryParse(o["unit"]?.GetValue<string>(), out var unit))
        {
            try { return new Budget(a, unit); }
            catch (ArgumentException e) { Problem($"Input '{name}' is not a valid time: {e.Message.Split(" (Parameter")[0]}", "Use a non-negative amount."); return null; }
        }
        Problem($"Input '{name}' must be {{\"amount\": <number>, \"unit\": <{TimeUnitParser.ExpectedValues}>}}.",
            $"Write '{name}' as e.g. {{\"amount\": 2, \"unit\": \"WorkingDays\"}}.");
        return null;
    }

    public IReadOnlyList<string>? Names(string name)
    {
        var value = Value(name, required: false);
        if (value is null) return null;
        if (value is JsonArray array && array.All(i => i is JsonValue iv && iv.TryGetValue<string>(out var s) && s.Length > 0))
            return [.. array.Select(i => i!.GetValue<string>())];
        Problem($"Input '{name}' must be an array of names.", $"Write '{name}' as e.g. [\"Approved\", \"Rejected\"].");
        return null;
    }

    /// <summary>JavaScript code: a JavaScript expression, a Literal/plain text, or a Literal boolean.</summary>
    public string? Code(string name)
    {
        if (activity[name] is JsonObject { } wrapped && wrapped["expression"] is JsonObject expression
            && expression["type"]?.GetValue<string>() == "JavaScript")
            return expression["value"] is JsonValue js && js.TryGetValue<string>(out var code) && code.Trim().Length > 0
                ? code : Missing(name);
        var value = Value(name, required: true);
        return value switch
        {
            null => null,
            JsonValue b when b.TryGetValue<bool>(out var constant) => constant ? "true" : "false",
            JsonValue t when t.TryGetValue<string>(out var text) && text.Trim().Length > 0 => text,
            _ => Missing(name),
        };
    }

    private string? Missing(string name)
    {
        Problem($"Input '{name}' must hold JavaScript code.", $"Write the condition, e.g. \"dossier.data.needsVerification === true\".");
        return null;
    }

    /// <summary>The literal value of an input, unwrapped from Elsa's expression shape.</summary>
    private JsonNode? Value(string name, bool required)
    {
        var input = activity[name];
        if (input is null)
        {
            if (required) Problem($"Input '{name}' is missing.", $"Add '{name}' to the activity.");
            return null;
        }
        if (input is JsonObject wrapped && wrapped.ContainsKey("memoryReference"))
        {
            Problem($"Input '{name}' reads a workflow variable, which is not supported here.", $"Give '{name}' a literal value.");
            return null;
        }
        if (input is not JsonObject { } o || !o.ContainsKey("expression")) return input;
        if (o["expression"] is not JsonObject expression)
        {
            Problem($"Input '{name}' has an expression that is not an object.", "Write {\"type\": \"Literal\", \"value\": ...}.");
            return null;
        }
        var type = expression["type"]?.GetValue<string>();
        var raw = expression["value"];
        switch (type)
        {
            case "Literal":
                return raw;
            case "Object" or "Json":
                if (raw is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    try { return JsonNode.Parse(text); }
                    catch (JsonException) { Problem($"Input '{name}' has an Object expression that is not valid JSON.", "Fix the JSON text in the expression's value."); return null; }
                }
                return raw;
            default:
                Problem($"Input '{name}' uses a '{type ?? "(none)"}' expression, which is not supported for this input.",
                    "Use a Literal or Object expression (JavaScript is only evaluated in a decision's condition).");
                return null;
        }
    }

    private void Problem(string message, string fix) => problems.Add(new WorkflowProblem(source, activityId, message, fix));
}
