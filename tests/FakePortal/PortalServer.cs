using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakePortal;

/// <summary>One update the fake portal accepted: the service, isUpdating, and the record as sent.</summary>
public sealed record ReceivedUpdate(string Service, bool IsUpdating, JsonObject Record, DateTimeOffset At);

/// <summary>
/// What the fake portal was told to do wrong, and for how long: answer 500, hang past the caller's time-out, or refuse
/// sessions (login works, every sync answers 401, or 200 with error_code 401 when <c>inBody</c>), for <c>count</c>
/// requests or <c>seconds</c>.
/// </summary>
/// <param name="InBody">With refuse-session: answer HTTP 200 with <c>error_code</c> 401 instead of HTTP 401.</param>
public sealed record FailureOrder(string Mode, int? Count, double? Seconds, bool InBody = false);

/// <summary>
/// The fake national portal: <c>POST /login</c>, <c>POST /sync</c> (header <c>session</c>), as the legacy adapter does;
/// it keeps each update once by its <c>MaCapNhat</c> (a repeat is acknowledged and dropped), and answers
/// <c>GET /received</c> with what it kept, in arrival order. <c>POST /fail</c> makes it fail for a while;
/// <c>POST /reset</c> forgets everything.
/// </summary>
public sealed class PortalServer
{
    public const string Username = "dvcqg", Password = "secret";

    private readonly object _gate = new();
    private readonly List<ReceivedUpdate> _received = [];
    private readonly HashSet<string> _seen = [];
    private readonly ConcurrentDictionary<string, bool> _sessions = new();
    private FailureOrder? _failure;
    private int _failuresLeft;
    private DateTimeOffset _failUntil;

    /// <summary>Every sync request, including repeats and refused ones.</summary>
    public int SyncRequests;
    public int Logins;
    public int Duplicates;

    private bool RefusalInBody { get { lock (_gate) return _failure?.InBody ?? false; } }

    public IReadOnlyList<ReceivedUpdate> Received { get { lock (_gate) return [.. _received]; } }

    public void Fail(FailureOrder order)
    {
        lock (_gate)
        {
            _failure = order;
            _failuresLeft = order.Count ?? int.MaxValue;
            _failUntil = order.Seconds is { } seconds ? DateTimeOffset.UtcNow.AddSeconds(seconds) : DateTimeOffset.MaxValue;
            if (order.Mode == "refuse-session") _sessions.Clear();
        }
    }

    public void Reset()
    {
        lock (_gate) { _received.Clear(); _seen.Clear(); _failure = null; }
        _sessions.Clear();
        SyncRequests = Logins = Duplicates = 0;
    }

    /// <summary>The failure this request meets, if one is ordered and not used up.</summary>
    private string? Failing()
    {
        lock (_gate)
        {
            if (_failure is null) return null;
            if (_failuresLeft <= 0 || DateTimeOffset.UtcNow > _failUntil) { _failure = null; return null; }
            _failuresLeft--;
            return _failure.Mode;
        }
    }

    public static WebApplication Build(string[] args, PortalServer? server = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var portal = server ?? new PortalServer();

        app.MapPost("/login", async (HttpRequest request) =>
        {
            var body = await JsonNode.ParseAsync(request.Body);
            if (portal.Failing() is "500") return Results.Json(new { error_code = 500, message = "internal error" }, statusCode: 500);
            if ((string?)body?["username"] != Username || (string?)body?["password"] != Password)
                return Results.Json(new { error_code = 401, message = "wrong username or password" }, statusCode: 401);
            Interlocked.Increment(ref portal.Logins);
            var session = Guid.NewGuid().ToString("N");
            portal._sessions[session] = true;
            return Results.Json(new { error_code = 0, session });
        });

        app.MapPost("/sync", async (HttpRequest request, CancellationToken ct) =>
        {
            Interlocked.Increment(ref portal.SyncRequests);
            switch (portal.Failing())
            {
                case "500": return Results.Json(new { error_code = 500, message = "internal error" }, statusCode: 500);
                case "timeout":
                    await Task.Delay(TimeSpan.FromSeconds(30), ct);
                    return Results.Json(new { error_code = 500, message = "too late" }, statusCode: 504);
                case "refuse-session":
                    portal._sessions.Clear();
                    return Results.Json(new { error_code = 401, message = "session expired" }, statusCode: portal.RefusalInBody ? 200 : 401);
            }
            if (request.Headers["session"].ToString() is not { Length: > 0 } token || !portal._sessions.ContainsKey(token))
                return Results.Json(new { error_code = 401, message = "session expired" }, statusCode: 401);
            var body = (await JsonNode.ParseAsync(request.Body, cancellationToken: ct))?.AsObject();
            if (body?["service"]?.GetValue<string>() is not ("DongBoHoSoMC" or "CapNhatTienDoHoSoMC") || body["data"] is not JsonArray data)
                return Results.Json(new { error_code = 2, message = "unknown service or no data" });
            var isUpdating = body["isUpdating"]?.GetValue<bool>() ?? false;
            lock (portal._gate)
            {
                foreach (var record in data.OfType<JsonObject>())
                {
                    var id = record["MaCapNhat"]?.GetValue<string>();
                    if (id is null) return Results.Json(new { error_code = 3, message = "MaCapNhat missing" });
                    if (!portal._seen.Add(id)) { portal.Duplicates++; continue; }
                    portal._received.Add(new ReceivedUpdate(body["service"]!.GetValue<string>(), isUpdating, (JsonObject)record.DeepClone(), DateTimeOffset.UtcNow));
                }
            }
            return Results.Json(new { error_code = 0 });
        });

        app.MapGet("/received", () => Results.Json(portal.Received, JsonOptions));
        app.MapPost("/fail", async (HttpRequest request) =>
        {
            var order = await JsonSerializer.DeserializeAsync<FailureOrder>(request.Body, JsonOptions);
            if (order?.Mode is not ("500" or "timeout" or "refuse-session"))
                return Results.Json(new { error = "mode must be 500, timeout or refuse-session" }, statusCode: 400);
            portal.Fail(order);
            return Results.Json(new { ok = true });
        });
        app.MapPost("/reset", () => { portal.Reset(); return Results.Json(new { ok = true }); });
        return app;
    }

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
}

public static class Entry
{
    /// <summary><c>dotnet run --project tests/FakePortal -- --urls http://127.0.0.1:5080</c></summary>
    public static Task Main(string[] args) => PortalServer.Build(args).RunAsync();
}
