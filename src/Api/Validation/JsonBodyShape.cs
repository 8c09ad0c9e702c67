using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Dossiers.Api.Validation;

/// <summary>
/// Checks a JSON body against the endpoint's request type before Wolverine binds it, and answers every value of the
/// wrong type at once: a 400 whose <c>errors</c> are keyed by JSON path (<c>documents[0].digitized</c>), saying what each
/// field takes, never a .NET type name. The binder would stop at the first bad value and name a type.
/// </summary>
public sealed class JsonBodyShape(RequestDelegate next, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private readonly JsonSerializerOptions _options = json.Value.SerializerOptions;

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<HttpChain>() is not { RequestType: { } type } || type == typeof(void) || !Sends(http.Request))
        {
            await next(http);
            return;
        }
        if (!HasBody(http.Request))
        {
            // Answered here rather than by the binder, which would log a client's empty body as a server failure.
            var missing = new RequestCheck();
            missing.Fail("body", "is required: send a JSON object.");
            await Results.Problem(missing.Result()).ExecuteAsync(http);
            return;
        }
        http.Request.EnableBuffering();
        var check = new RequestCheck();
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            Check(document.RootElement, type, "", check);
        }
        catch (JsonException e)
        {
            check.Fail("body", $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}).");
        }
        if (!check.IsValid)
        {
            await Results.Problem(check.Result()).ExecuteAsync(http);
            return;
        }
        http.Request.Body.Position = 0;
        await next(http);
    }

    private static bool Sends(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method);

    // An endpoint with a request type needs a body: one that sends none is told so.
    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private void Check(JsonElement value, Type type, string path, RequestCheck check)
    {
        var field = path.Length == 0 ? "body" : path;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (path.Length == 0) check.Fail(field, "must be a JSON object.");
            return;   // a field left null: required fields are the body's own check
        }
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(JsonElement) || type == typeof(object))
        {
            CheckFreeText(value, path, check);
            return;
        }
        var info = _options.GetTypeInfo(type);
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object when value.ValueKind != JsonValueKind.Object:
                check.Fail(field, "must be an object.");
                return;
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                    if (value.TryGetProperty(property.Name, out var member))
                        Check(member, property.PropertyType, Join(path, property.Name), check);
                return;
            case JsonTypeInfoKind.Dictionary when value.ValueKind != JsonValueKind.Object:
                check.Fail(field, "must be an object.");
                return;
            case JsonTypeInfoKind.Dictionary:
                foreach (var member in value.EnumerateObject())
                    Check(member.Value, info.ElementType!, Join(path, member.Name), check);
                return;
            case JsonTypeInfoKind.Enumerable when value.ValueKind != JsonValueKind.Array:
                check.Fail(field, "must be a list.");
                return;
            case JsonTypeInfoKind.Enumerable:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                    Check(item, info.ElementType!, $"{path}[{index++}]", check);
                return;
            default:
                try { value.Deserialize(info); }
                catch (JsonException) { check.Fail(field, $"must be {Expected(type)}."); }
                if (value.ValueKind == JsonValueKind.String) CheckText(value.GetString()!, field, check);
                return;
        }
    }

    // Free-form data (a procedure's own fields): every text in it, however deep.
    private static void CheckFreeText(JsonElement value, string path, RequestCheck check)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                CheckText(value.GetString()!, path.Length == 0 ? "body" : path, check);
                break;
            case JsonValueKind.Object:
                foreach (var member in value.EnumerateObject()) CheckFreeText(member.Value, Join(path, member.Name), check);
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray()) CheckFreeText(item, $"{path}[{index++}]", check);
                break;
        }
    }

    /// <summary>
    /// Bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) reorder what is displayed: a name
    /// holding U+202E prints on a form as another text than the one stored and searched. No field needs them.
    /// </summary>
    private static void CheckText(string text, string field, RequestCheck check)
    {
        foreach (var c in text)
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C')
            {
                check.Fail(field, $"contains the invisible direction control U+{(int)c:X4}, which makes printed text differ from what is stored; remove it.");
                return;
            }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private string Expected(Type type) => type switch
    {
        _ when type == typeof(string) => "text",
        _ when type == typeof(bool) => "true or false",
        _ when type == typeof(DateTimeOffset) => "a date-time with an offset (ISO 8601), e.g. 2026-03-20T10:00:00+07:00",
        _ when type == typeof(Guid) => "an id (a GUID)",
        _ when type.IsEnum => "one of: " + string.Join(", ", Enum.GetNames(type).Select(n => _options.PropertyNamingPolicy?.ConvertName(n) ?? n)),
        _ when type == typeof(int) || type == typeof(long) => "a whole number",
        _ when type == typeof(decimal) || type == typeof(double) => "a number",
        _ => "a value of another form",
    };
}
