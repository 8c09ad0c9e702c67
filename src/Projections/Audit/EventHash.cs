using System.Buffers;
using System.Runtime.InteropServices;
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
        IReadOnlyDictionary<string, string?> metadata, string? correlationId, string? causationId) =>
        Compute(previous, streamId, version, type, Encoding.UTF8.GetBytes(dataJson), metadata, correlationId, causationId);

    /// <param name="dataUtf8">The event's data as JSON in UTF-8, as the serializer writes it for the append.</param>
    public static string Compute(string previous, Guid streamId, long version, string type, ReadOnlyMemory<byte> dataUtf8,
        IReadOnlyDictionary<string, string?> metadata, string? correlationId, string? causationId)
    {
        // The text hashed is: previous, stream, version, type and canonical data, each on a line, then "key=value" per
        // metadata header and the correlation and causation ids (frozen: chains already stored were hashed so). It is
        // written as UTF-8 into one buffer, the canonical data included, and hashed there.
        var text = new ArrayBufferWriter<byte>(dataUtf8.Length + previous.Length + type.Length + 160);
        Line(text, previous);
        FormattedLine(text, streamId, "D");
        FormattedLine(text, version, null);
        Line(text, type);
        WriteCanonical(text, dataUtf8);
        NewLine(text);
        foreach (var key in MetadataHeaders)
        {
            Text(text, key);
            Text(text, "=");
            Line(text, metadata.GetValueOrDefault(key));
        }
        Line(text, correlationId);
        Text(text, causationId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(text.WrittenSpan, hash);
        return Convert.ToHexStringLower(hash);
    }

    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Keys sorted (ordinal), no whitespace, strings re-escaped by one encoder, numbers as written. Frozen: chains
    /// already stored were hashed with this form (a test holds it to the first implementation's output).
    /// </summary>
    public static string Canonical(string json)
    {
        var buffer = new ArrayBufferWriter<byte>(json.Length + 16);
        WriteCanonical(buffer, Encoding.UTF8.GetBytes(json));
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteCanonical(IBufferWriter<byte> buffer, ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        using var writer = new Utf8JsonWriter(buffer, Writer);
        Write(writer, document.RootElement);
    }

    private static void Text(IBufferWriter<byte> buffer, string? text)
    {
        if (string.IsNullOrEmpty(text)) return;
        var written = Encoding.UTF8.GetBytes(text, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        buffer.Advance(written);
    }

    private static void Line(IBufferWriter<byte> buffer, string? text)
    {
        Text(buffer, text);
        NewLine(buffer);
    }

    // Positive versions and a Guid's "D" form are the same text in every culture.
    private static void FormattedLine<T>(IBufferWriter<byte> buffer, T value, string? format) where T : IUtf8SpanFormattable
    {
        var span = buffer.GetSpan(64);
        if (!value.TryFormat(span, out var written, format, System.Globalization.CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"{value} does not fit 64 bytes.");
        buffer.Advance(written);
        NewLine(buffer);
    }

    private static void NewLine(IBufferWriter<byte> buffer)
    {
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                // Each name read once: a JsonProperty makes a new string every time its name is asked for.
                var names = new string[element.GetPropertyCount()];
                var values = new JsonElement[names.Length];
                var at = 0;
                foreach (var property in element.EnumerateObject()) (names[at], values[at++]) = (property.Name, property.Value);
                Array.Sort(names, values, StringComparer.Ordinal);
                for (var i = 0; i < names.Length; i++)
                {
                    writer.WritePropertyName(names[i]);
                    Write(writer, values[i]);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                // Without an escape, the raw UTF-8 between the quotes is the value itself; with one, unescape it first.
                var raw = JsonMarshal.GetRawUtf8Value(element);
                var value = raw[1..^1];
                if (value.IndexOf((byte)'\\') < 0) writer.WriteStringValue(value);
                else writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);   // true, false, null
                break;
        }
    }
}
