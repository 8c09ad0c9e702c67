using System.Text.Json.Nodes;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Engine.Workflows;

/// <summary>
/// Mutated workflow definitions for the fuzz tests: random deletions, kinds swapped, Elsa wrappings, duplicated items
/// and text-level damage, from a fixed seed so that a failure is reproduced by its number.
/// </summary>
public sealed class DefinitionMutator(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Every definition a user could start from: the test definition, the shipped files and the Elsa exports.</summary>
    public static IReadOnlyList<string> Corpus { get; } =
    [
        TestDefinitions.Valid().ToJsonString(),
        .. Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "workflows"), "*.v*.json").Order().Select(File.ReadAllText),
        .. ElsaExports.Files.Select(File.ReadAllText),
    ];

    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null, _ => 0, _ => -1, _ => 1e300, _ => 0.5, _ => "", _ => " ", _ => "x", _ => "True", _ => "In", _ => true, _ => false,
        _ => new JsonArray(), _ => new JsonObject(), _ => new JsonArray(null, 1, "a"),
        _ => JsonNode.Parse("""{"typeName": "String", "expression": {"type": "Literal"}}"""),
        _ => JsonNode.Parse("""{"typeName": "Boolean", "expression": {"type": "Literal", "value": "nope"}, "memoryReference": {"id": "m"}}"""),
        _ => JsonNode.Parse("""{"amount": "two", "unit": 5}"""),
        _ => JsonNode.Parse("""{"activity": 5, "port": null}"""),
        r => new string('(', r.Next(1, 2000)),
    ];

    private static readonly string[] ExpressionTypes = ["Literal", "Object", "Json", "JavaScript", "Variable", "Liquid", "", "C#"];

    /// <summary>The JSON text of one mutant of a corpus definition.</summary>
    public string Next()
    {
        var text = Corpus[_random.Next(Corpus.Count)];
        if (_random.Next(8) == 0) return DamageText(text);
        JsonNode? root = JsonNode.Parse(text)!;
        for (var i = _random.Next(1, 5); i > 0 && root is not null; i--) root = Mutate(root);
        return root?.ToJsonString() ?? "null";
    }

    private JsonNode? Mutate(JsonNode root)
    {
        var nodes = Walk(root).ToList();
        var (node, parent, key) = nodes[_random.Next(nodes.Count)];
        JsonNode? replacement = _random.Next(5) switch
        {
            0 => Values[_random.Next(Values.Length)](_random),
            1 => Wrapped(node),
            2 => node is JsonValue v && v.TryGetValue<string>(out var s) ? (_random.Next(2) == 0 ? s.Length : JsonValue.Create(s + "!")) : Values[_random.Next(Values.Length)](_random),
            3 when node is JsonArray array && array.Count > 0 => Duplicated(array),
            _ => Deleted,
        };
        if (parent is null) return ReferenceEquals(replacement, Deleted) ? new JsonObject() : replacement;
        switch (parent)
        {
            case JsonObject o when ReferenceEquals(replacement, Deleted): o.Remove(key!); break;
            case JsonObject o: o[key!] = replacement; break;
            case JsonArray a when ReferenceEquals(replacement, Deleted): a.RemoveAt(int.Parse(key!)); break;
            case JsonArray a: a[int.Parse(key!)] = replacement; break;
        }
        return root;
    }

    private static readonly JsonNode Deleted = JsonValue.Create("\0deleted");

    private JsonNode Wrapped(JsonNode? node)
    {
        var expression = new JsonObject { ["type"] = ExpressionTypes[_random.Next(ExpressionTypes.Length)] };
        if (_random.Next(3) > 0) expression["value"] = _random.Next(2) == 0 ? node?.DeepClone() : node?.ToJsonString();
        return new JsonObject { ["typeName"] = _random.Next(2) == 0 ? "Object" : "Boolean", ["expression"] = expression,
            ["memoryReference"] = new JsonObject { ["id"] = "m" } };
    }

    private JsonNode Duplicated(JsonArray array)
    {
        var copy = array.DeepClone().AsArray();
        copy.Add(array[_random.Next(array.Count)]?.DeepClone());
        return copy;
    }

    private const string Damage = "{}[]\",:0a\\\u0000é";

    private string DamageText(string text)
    {
        var chars = text.ToList();
        for (var i = _random.Next(1, 6); i > 0 && chars.Count > 0; i--)
        {
            var at = _random.Next(chars.Count);
            if (_random.Next(2) == 0) chars.RemoveAt(at);
            else chars.Insert(at, Damage[_random.Next(Damage.Length)]);
        }
        return new string([.. chars]);
    }

    private static IEnumerable<(JsonNode? Node, JsonNode? Parent, string? Key)> Walk(JsonNode root)
    {
        var stack = new Stack<(JsonNode?, JsonNode?, string?)>([(root, null, null)]);
        while (stack.TryPop(out var item))
        {
            yield return item;
            switch (item.Item1)
            {
                case JsonObject o:
                    foreach (var (key, value) in o) stack.Push((value, o, key));
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) stack.Push((a[i], a, i.ToString()));
                    break;
            }
        }
    }
}
