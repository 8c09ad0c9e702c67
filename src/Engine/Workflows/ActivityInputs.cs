using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// Reads an activity's inputs in both shapes: Elsa's <c>{"typeName", "expression": {"type", "value"}, "memoryReference"}</c>
/// and the plain value of hand-written files. What Elsa writes is read as Elsa reads it (docs/workflows.md, "Importing
/// from Elsa Studio"): the memory reference beside an expression is Elsa's own bookkeeping, a Literal holds its value as
/// text of the declared type, and a Literal with no value is an input left unset. Each problem names the input once;
/// an input that could not be read adds nothing more.
/// </summary>
internal sealed class ActivityInputs(JsonObject activity, string activityId, string source, List<WorkflowProblem> problems)
{
    public string? Text(string name, bool required = false)
    {
        var value = Value(name, required);
        if (value is null) return null;
        if (value.AsString() is { } text && !string.IsNullOrWhiteSpace(text)) return text.Trim();
        return Problem<string>($"Input '{name}' must be a non-empty text.", $"Give '{name}' a text value.");
    }

    public Budget? Budget(string name, bool required = false)
    {
        var value = Value(name, required);
        if (value is null) return null;
        if (value.Get("amount") is JsonValue amount && amount.TryGetValue<decimal>(out var a)
            && TimeUnitParser.TryParse(value.Text("unit"), out var unit))
        {
            try { return new Budget(a, unit); }
            catch (ArgumentException e) { return Problem<Budget>($"Input '{name}' is not a valid time: {e.Message.Split(" (Parameter")[0]}", "Use a non-negative amount."); }
        }
        return Problem<Budget>($"Input '{name}' must be {{\"amount\": <number>, \"unit\": <{TimeUnitParser.ExpectedValues}>}}.",
            $"Write '{name}' as e.g. {{\"amount\": 2, \"unit\": \"WorkingDays\"}}.");
    }

    public IReadOnlyList<string>? Names(string name)
    {
        var value = Value(name, required: false);
        if (value is null) return null;
        if (value is JsonArray array && array.All(i => i.AsString() is { Length: > 0 }))
            return [.. array.Select(i => i.AsString()!)];
        return Problem<IReadOnlyList<string>>($"Input '{name}' must be an array of names.", $"Write '{name}' as e.g. [\"Approved\", \"Rejected\"].");
    }

    /// <summary>JavaScript code: a JavaScript expression, a Literal/plain text, or a boolean constant.</summary>
    public string? Code(string name)
    {
        if (Expression(activity.Get(name)) is { } expression && expression.Text("type") == "JavaScript")
            return expression.Get("value").AsString() is { } code && code.Trim().Length > 0 ? code : Missing(name);
        var value = Value(name, required: true);
        return value switch
        {
            null => null,
            JsonValue b when b.TryGetValue<bool>(out var constant) => constant ? "true" : "false",
            // "True" is what Elsa writes for a Boolean literal; as JavaScript it would be an unknown name.
            _ when value.AsString()?.Trim() is { } text && bool.TryParse(text, out var constant) => constant ? "true" : "false",
            _ when value.AsString() is { } text && text.Trim().Length > 0 => text,
            _ => Missing(name),
        };
    }

    private string? Missing(string name) =>
        Problem<string>($"Input '{name}' must hold JavaScript code.", $"Write the condition, e.g. \"dossier.data.needsVerification === true\".");

    /// <summary>The expression object of an Elsa-wrapped input; null for a plain value.</summary>
    private static JsonObject? Expression(JsonNode? input) => Wrapped(input) ? input.Get("expression") as JsonObject : null;

    // An Elsa input carries an expression, a type name or a memory reference; a plain budget object carries none of them.
    private static bool Wrapped(JsonNode? input) =>
        input.Has("expression") || input.Has("typeName") || input.Has("memoryReference");

    /// <summary>The literal value of an input, unwrapped from Elsa's expression shape; null when unset or unreadable.</summary>
    private JsonNode? Value(string name, bool required)
    {
        var input = activity.Get(name);
        var value = Wrapped(input) ? Unwrap(name, input!) : input;
        if (ReferenceEquals(value, Unreadable)) return null;
        if (value is null || value.AsString() is { } blank && string.IsNullOrWhiteSpace(blank))
        {
            if (required) Problem<JsonNode>($"Input '{name}' is missing.", $"Add '{name}' to the activity.");
            return null;
        }
        return value;
    }

    // A value that a problem was already reported for, so that the caller reports nothing more.
    private static readonly JsonValue Unreadable = JsonValue.Create("\0unreadable");

    private JsonNode? Unwrap(string name, JsonNode input)
    {
        var expression = input.Get("expression");
        if (expression is null) return null;   // Elsa 3.3 leaves an unset input as its type and memory reference
        if (expression is not JsonObject)
            return Problem($"Input '{name}' has an expression that is not an object.", "Write {\"type\": \"Literal\", \"value\": ...}.") ?? Unreadable;
        var type = expression.Text("type");
        var raw = expression.Get("value");
        switch (type)
        {
            case "Literal":
                return Typed(name, input.Text("typeName"), raw);
            case "Object" or "Json":
                return raw.AsString() is { } text ? ParsedOrProblem(name, text, "an Object expression") : raw;
            case "Variable":
                return Problem($"Input '{name}' reads a workflow variable, which is not supported here.", $"Give '{name}' a literal value.") ?? Unreadable;
            default:
                return Problem($"Input '{name}' uses a '{type ?? "(none)"}' expression, which is not supported for this input.",
                    "Use a Literal or Object expression (JavaScript is only evaluated in a decision's condition).") ?? Unreadable;
        }
    }

    /// <summary>
    /// A Literal as Elsa stores it: JSON of any kind, or the value as text of the declared type ("True" for a Boolean,
    /// "2" for a number, JSON text for an object or a list).
    /// </summary>
    private JsonNode? Typed(string name, string? typeName, JsonNode? raw)
    {
        if (raw.AsString() is not { } text || string.IsNullOrWhiteSpace(text)) return raw;
        var declared = typeName?.Split(',')[0].Trim() ?? "";
        if (declared is "Boolean" or "System.Boolean" or "bool")
            return bool.TryParse(text.Trim(), out var b) ? JsonValue.Create(b)
                : Problem($"Input '{name}' is declared Boolean but holds '{Shorten(text)}'.", "Write True or False.") ?? Unreadable;
        if (declared is "Int32" or "Int64" or "Double" or "Decimal" or "Single" or "Number" or "System.Int32" or "System.Double" or "System.Decimal")
            return decimal.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
                : Problem($"Input '{name}' is declared {declared} but holds '{Shorten(text)}'.", "Write a number such as 2 or 1.5.") ?? Unreadable;
        var trimmed = text.TrimStart();
        return declared is not ("String" or "System.String" or "string") && trimmed.Length > 0 && trimmed[0] is '{' or '['
            ? ParsedOrProblem(name, text, $"a {(declared.Length > 0 ? declared : "Literal")} value")
            : raw;
    }

    private JsonNode? ParsedOrProblem(string name, string text, string what)
    {
        try { return JsonNode.Parse(text) ?? Unreadable; }
        catch (JsonException)
        {
            return Problem($"Input '{name}' has {what} that is not valid JSON.", "Fix the JSON text in the expression's value.") ?? Unreadable;
        }
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private T? Problem<T>(string message, string fix) where T : class
    {
        problems.Add(new WorkflowProblem(source, activityId, message, fix));
        return null;
    }

    private JsonNode? Problem(string message, string fix) => Problem<JsonNode>(message, fix);
}
