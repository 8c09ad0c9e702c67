using System.Text.Json.Nodes;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// Reads of a parsed workflow file that never throw. A file is anybody's text: a property may hold any JSON kind, so
/// every read asks for the kind it wants and gets null otherwise (<c>JsonNode</c>'s own indexers and
/// <c>GetValue</c> throw on a wrong kind, which is how a wrong shape used to crash the loader).
/// </summary>
internal static class SafeJson
{
    /// <summary>The property of an object; null when the node is not an object or lacks it.</summary>
    public static JsonNode? Get(this JsonNode? node, string name) =>
        node is JsonObject o && o.TryGetPropertyValue(name, out var value) ? value : null;

    /// <summary>The property in camelCase or, as .NET writers may spell it, PascalCase.</summary>
    public static JsonNode? GetEitherCase(this JsonNode? node, string camelName) =>
        node.Get(camelName) ?? node.Get(char.ToUpperInvariant(camelName[0]) + camelName[1..]);

    public static bool Has(this JsonNode? node, string name) => node is JsonObject o && o.ContainsKey(name);

    /// <summary>The node as a string value, untrimmed; null for any other kind.</summary>
    public static string? AsString(this JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The node as text, trimmed; null for another kind or blank text.</summary>
    public static string? AsText(this JsonNode? node) =>
        node.AsString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    /// <summary>A string property, trimmed; null when absent, another kind, or blank.</summary>
    public static string? Text(this JsonNode? node, string name) => node.Get(name).AsText();

    public static IEnumerable<JsonNode?> Items(this JsonNode? node) => node as JsonArray ?? [];
}
