using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dossiers.Projections.Audit;

namespace Dossiers.Tests.Audit;

/// <summary>
/// The canonical form is frozen: chains already stored were hashed with the first implementation (sort through
/// JsonNode), so the faster one must write byte for byte the same text, whatever the JSON.
/// </summary>
public class when_hashing_event_data
{
    private static readonly JsonSerializerOptions FirstWriter = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string FirstCanonical(string json) => Sorted(JsonNode.Parse(json))?.ToJsonString(FirstWriter) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        _ => null,
    };

    [Theory]
    [InlineData("""{"b":1,"a":{"d":[3,2,{"z":null,"y":true}],"c":"x"}}""")]
    [InlineData("""{"name":"Nguy\u1ec5n V\u0103n An","note":"line\nbreak \"quoted\" <tag> & 'apos'","emoji":"\ud83d\ude00"}""")]
    [InlineData("""{"amount":1.50,"big":1e30,"neg":-0.0,"int":42,"list":[],"obj":{}}""")]
    [InlineData("""{"Ä":1,"a":2,"B":3,"_":4,"aa":5,"a b":6}""")]
    [InlineData("""{"control":"\u0001\t\u001f","slash":"a\/b","back":"c\\d"}""")]
    [InlineData("""[1,"two",{"b":2,"a":1}]""")]
    [InlineData("""null""")]
    [InlineData("""  { "spaced" :  [ 1 , 2 ] }  """)]
    public void writes_what_the_first_implementation_wrote(string json) =>
        EventHash.Canonical(json).ShouldBe(FirstCanonical(json));

    [Fact]
    public void writes_the_same_for_the_shapes_of_real_events()
    {
        var random = new Random(13);
        for (var i = 0; i < 500; i++)
        {
            var json = RandomObject(random, depth: 0).ToJsonString();
            EventHash.Canonical(json).ShouldBe(FirstCanonical(json), json);
        }
    }

    private static JsonNode? RandomValue(Random random, int depth) => random.Next(depth > 3 ? 5 : 7) switch
    {
        0 => null,
        1 => JsonValue.Create(random.Next(2) == 0),
        2 => JsonValue.Create(random.Next(-1000, 1000)),
        3 => JsonValue.Create(Math.Round(random.NextDouble() * 1e6, random.Next(0, 6))),
        4 => JsonValue.Create(RandomText(random)),
        5 => RandomObject(random, depth + 1),
        _ => new JsonArray([.. Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, depth + 1))]),
    };

    private static JsonObject RandomObject(Random random, int depth)
    {
        var o = new JsonObject();
        foreach (var key in Enumerable.Range(0, random.Next(1, 6)).Select(_ => RandomText(random)).Distinct())
            o[key] = RandomValue(random, depth);
        return o;
    }

    private static string RandomText(Random random)
    {
        const string Alphabet = "aAbBzZ09 _-.ăâđêôơưáàảãạẾệĐ\"\\/\n\t<>&'😀\u0001";
        var chars = new char[random.Next(0, 12)];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
        return new string(chars).Replace("\ud83d", "").Replace("\ude00", "");
    }
}
