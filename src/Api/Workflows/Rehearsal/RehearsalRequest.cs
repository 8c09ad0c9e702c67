using System.Text.Json;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;

namespace Dossiers.Api.Workflows.Rehearsal;

/// <summary>
/// The body of <c>POST /api/workflows/simulate</c>, read by hand: <c>outcomes</c> takes a port or a list of ports per
/// activity, and a draft definition must reach the validator as the integrator wrote it, so no binder shape fits.
/// Every bad field is named (RFC 7807); an unknown field is an error, since a misspelt "outcome" would silently pin nothing.
/// </summary>
public sealed record RehearsalRequest(
    string? DefinitionId,
    int? Version,
    string? DefinitionJson,
    DateTimeOffset? Start,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Outcomes,
    string? ReceivingCentre,
    string? Commune)
{
    private static readonly HashSet<string> Fields = ["definitionId", "version", "definition", "start", "outcomes", "receivingCentre", "commune"];

    public static (RehearsalRequest? Request, RequestCheck Check) Read(string body, AgencyRegistry agencies)
    {
        var check = new RequestCheck();
        JsonDocument document;
        try { document = JsonDocument.Parse(body); }
        catch (JsonException e)
        {
            return (null, check.Fail("body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})."));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, check.Fail("body", "must be a JSON object."));
            foreach (var property in root.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
                check.Fail(property.Name, $"is not a field of this request (fields: {string.Join(", ", Fields)}).");

            var definitionId = Text(root, "definitionId", check);
            var version = ReadVersion(root, check);
            string? definition = null;
            var sendsDefinition = root.TryGetProperty("definition", out var d) && d.ValueKind != JsonValueKind.Null;
            if (sendsDefinition)
            {
                if (d.ValueKind == JsonValueKind.Object) definition = d.GetRawText();
                else check.Fail("definition", "must be a workflow definition object, as in a file.");
            }
            if (sendsDefinition && (definitionId is not null || version is not null))
                check.Fail("definition", "give either definitionId and version, or definition, not both.");
            else if (!sendsDefinition)
            {
                if (definitionId is null && !check.Errors.ContainsKey("definitionId")) check.Fail("definitionId", "is required (or send the draft itself as definition).");
                if (version is null && !check.Errors.ContainsKey("version")) check.Fail("version", "is required with definitionId.");
            }

            DateTimeOffset? start = null;
            if (Text(root, "start", check) is { } startText)
            {
                if (!Instants.TryParse(startText, out var parsed))
                    check.Fail("start", "must be an ISO 8601 date-time with an offset, e.g. 2026-03-06T15:00:00+07:00.");
                else if (OutOfRange(parsed) is { } problem) check.Fail("start", problem);
                else start = parsed;
            }

            var outcomes = ReadOutcomes(root, check);
            var centre = Text(root, "receivingCentre", check);
            if (centre is not null && !agencies.IsServiceCentre(centre))
                check.Fail("receivingCentre", $"'{centre}' is not a service centre of registry {agencies.Version}.");
            var commune = Text(root, "commune", check);
            if (commune is not null && !agencies.IsCommune(commune))
                check.Fail("commune", $"'{commune}' is not a commune, ward or special zone of registry {agencies.Version} (give its people's committee's code).");

            return check.IsValid ? (new RehearsalRequest(definitionId, version, definition, start, outcomes, centre, commune), check) : (null, check);
        }
    }

    /// <summary>Years without a calendar file follow the lunar rules, which count only 1900–2199; a path needs room after its start.</summary>
    internal static string? OutOfRange(DateTimeOffset start) => start.Year is <= LunarCalendar.MinYear or >= LunarCalendar.MaxYear
        ? $"must fall between {LunarCalendar.MinYear + 1} and {LunarCalendar.MaxYear - 1}: the calendar counts no further."
        : null;

    private static string? Text(JsonElement root, string field, RequestCheck check)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 200 } text && !text.Any(char.IsControl)) return text;
        check.Fail(field, "must be a non-empty text of at most 200 characters.");
        return null;
    }

    private static int? ReadVersion(JsonElement root, RequestCheck check)
    {
        if (!root.TryGetProperty("version", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var version) && version > 0) return version;
        check.Fail("version", "must be a positive whole number.");
        return null;
    }

    /// <summary><c>{"activityId": "Port"}</c> or <c>{"activityId": ["Rework", "Done"]}</c> for successive visits.</summary>
    private static Dictionary<string, IReadOnlyList<string>>? ReadOutcomes(JsonElement root, RequestCheck check)
    {
        if (!root.TryGetProperty("outcomes", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.Object)
        {
            check.Fail("outcomes", "must be an object of activity id → port, or → a list of ports for successive visits.");
            return null;
        }
        var outcomes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var pin in value.EnumerateObject())
        {
            IReadOnlyList<string>? ports = pin.Value.ValueKind switch
            {
                JsonValueKind.String when pin.Value.GetString() is { Length: > 0 } port => [port],
                JsonValueKind.Array when pin.Value.GetArrayLength() > 0 && pin.Value.EnumerateArray().All(p => p.ValueKind == JsonValueKind.String && p.GetString()!.Length > 0)
                    => [.. pin.Value.EnumerateArray().Select(p => p.GetString()!)],
                _ => null,
            };
            if (ports is null) check.Fail($"outcomes.{pin.Name}", "must be a port name, or a non-empty list of port names.");
            else outcomes[pin.Name] = ports;
        }
        return outcomes;
    }
}
