using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

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

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Keys sorted (ordinal), no whitespace, strings re-escaped by one encoder, numbers as written. Frozen: chains
    /// already stored were hashed with this form (a test holds it to the first implementation's output).
    /// </summary>
    public static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, Writer)) Write(writer, document.RootElement);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                var properties = element.EnumerateObject().ToArray();
                Array.Sort(properties, (a, b) => string.CompareOrdinal(a.Name, b.Name));
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);   // true, false, null
                break;
        }
    }
}
