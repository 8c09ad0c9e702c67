using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dossiers.Projections.Audit;

namespace Dossiers.Tests.Audit;

/// <summary>
/// The canonical form and the hashed text are frozen: chains already stored were hashed with the first implementation
/// (sort through JsonNode, the text built as a string), so the faster one must give byte for byte the same, whatever
/// the JSON.
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
    public void writes_letters_beyond_ascii_as_they_are_in_the_first_implementation()
    {
        // Written by hand, unescaped: the raw path (a serializer would have escaped some of these).
        var json = "{\"name\":\"Đặng Thị Ánh 😀\",\"separators\":\"\u2028\u2029\",\"rtl\":\"\u202e\",\"bom\":\"\ufeff\",\"markup\":\"<b>&'\"}";
        EventHash.Canonical(json).ShouldBe(FirstCanonical(json));
    }

    private static string FirstCompute(string previous, Guid streamId, long version, string type, string dataJson,
        IReadOnlyDictionary<string, string?> metadata, string? correlationId, string? causationId)
    {
        var text = new System.Text.StringBuilder()
            .Append(previous).Append('\n').Append(streamId.ToString("D")).Append('\n').Append(version).Append('\n')
            .Append(type).Append('\n').Append(FirstCanonical(dataJson)).Append('\n');
        foreach (var key in EventHash.MetadataHeaders) text.Append(key).Append('=').Append(metadata.GetValueOrDefault(key)).Append('\n');
        text.Append(correlationId).Append('\n').Append(causationId);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public void hashes_the_text_the_first_implementation_hashed()
    {
        var random = new Random(7);
        var previous = "";
        for (var i = 0; i < 300; i++)
        {
            var json = RandomObject(random, depth: 0).ToJsonString();
            var metadata = new Dictionary<string, string?>
            {
                ["user"] = random.Next(4) == 0 ? null : RandomText(random), ["role"] = "desk", ["agency"] = random.Next(2) == 0 ? null : "UBND-Phường Đống Đa",
            };
            var (stream, version, type) = (Guid.NewGuid(), random.NextInt64(1, 1L << 40), RandomText(random));
            var (correlation, causation) = (random.Next(3) == 0 ? null : RandomText(random), random.Next(3) == 0 ? null : Guid.NewGuid().ToString());
            var hash = EventHash.Compute(previous, stream, version, type, json, metadata, correlation, causation);
            hash.ShouldBe(FirstCompute(previous, stream, version, type, json, metadata, correlation, causation), json);
            // The append path hands over the serializer's UTF-8 (HashChainListener): the same hash.
            EventHash.Compute(previous, stream, version, type, System.Text.Encoding.UTF8.GetBytes(json), metadata, correlation, causation).ShouldBe(hash);
            previous = hash;
        }
    }

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
