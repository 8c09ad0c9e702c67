using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dossiers.Projections.Audit;

/// <summary>
/// The per-stream hash chain: each event's hash covers the previous event's hash, its position, type, data and
/// who/why metadata, so a changed, inserted or deleted row breaks the chain from that point on.
/// Data is hashed in a canonical JSON form (sorted keys, one escaping), so the text we serialise at append time and
/// the text PostgreSQL gives back from jsonb hash the same.
/// </summary>
public static class EventHash
{
    public const string Header = "hash";
    public static readonly string[] MetadataHeaders = ["user", "role", "agency"];

    public static string Compute(string previous, Guid streamId, long version, string type, string dataJson,
        IReadOnlyDictionary<string, string?> metadata, string? correlationId, string? causationId)
    {
        var text = new StringBuilder()
            .Append(previous).Append('\n').Append(streamId.ToString("D")).Append('\n').Append(version).Append('\n')
            .Append(type).Append('\n').Append(Canonical(dataJson)).Append('\n');
        foreach (var key in MetadataHeaders) text.Append(key).Append('=').Append(metadata.GetValueOrDefault(key)).Append('\n');
        text.Append(correlationId).Append('\n').Append(causationId);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static readonly JsonSerializerOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Canonical(string json) => Sorted(JsonNode.Parse(json))?.ToJsonString(Writer) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        JsonValue v => JsonNode.Parse(v.ToJsonString()),
        _ => null,
    };
}
