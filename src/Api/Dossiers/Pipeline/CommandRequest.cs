using Dossiers.Api.Auth;
using Dossiers.Engine;

namespace Dossiers.Api.Dossiers;

/// <summary>What a command request says besides its body: who, the version it expects, its idempotency key, its correlation.</summary>
public sealed record CommandRequest(Actor Actor, long? ExpectedVersion, string? IdempotencyKey, string CorrelationId, string RequestId,
    string Method, string Path)
{
    public const int MaxKeyLength = 200;

    /// <summary>The system itself (timers): no expectations, no idempotency key; a fresh correlation.</summary>
    public static CommandRequest System()
    {
        var id = Guid.NewGuid().ToString("N");
        return new CommandRequest(new Actor("system", "system", null), null, null, id, id, "TIMER", "");
    }

    /// <summary>The request's headers, or a 400 naming the header that is wrong.</summary>
    public static (CommandRequest?, IResult?) Read(HttpContext http)
    {
        long? expected = null;
        var ifMatch = http.Request.Headers.IfMatch.ToString();
        if (ifMatch.Length > 0)
        {
            var text = ifMatch.Trim().TrimStart('W', '/').Trim('"');
            if (!long.TryParse(text, out var version) || version < 0)
                return (null, CommandResults.Invalid("If-Match", "must be the dossier version in quotes, e.g. \"3\"."));
            expected = version;
        }
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
            return (null, CommandResults.Invalid("Idempotency-Key", $"must be at most {MaxKeyLength} printable characters."));
        return (new CommandRequest(CurrentActor.From(http.User), expected, key.Length > 0 ? key : null,
            Correlation(http), http.TraceIdentifier, http.Request.Method, http.Request.Path.ToString()), null);
    }

    /// <summary>
    /// An anonymous request acting as <paramref name="actor"/> (a citizen with a code from the receipt): no token, no
    /// expected version, no idempotency key; the correlation as for any request.
    /// </summary>
    public static CommandRequest Public(HttpContext http, Actor actor) =>
        new(actor, null, null, Correlation(http), http.TraceIdentifier, http.Request.Method, http.Request.Path.ToString());

    // The caller's X-Correlation-Id when printable, else the trace id.
    private static string Correlation(HttpContext http)
    {
        var correlation = http.Request.Headers["X-Correlation-Id"].ToString();
        if (correlation.Length > MaxKeyLength || correlation.Any(char.IsControl)) correlation = "";
        return correlation.Length > 0 ? correlation : global::System.Diagnostics.Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
    }
}
