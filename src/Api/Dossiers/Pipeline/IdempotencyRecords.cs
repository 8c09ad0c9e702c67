using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Dossiers.Api.Dossiers;

/// <summary>
/// The answer given to a command sent with an Idempotency-Key, stored in the same transaction as its events.
/// Keyed by user and key; <see cref="Fingerprint"/> says which request it answered (method, path and body).
/// </summary>
public sealed record IdempotencyRecord(string Id, string Fingerprint, int Status, string Body, string? ETag, string? Location, DateTimeOffset At)
{
    public static string IdFor(string user, string key) => $"{user}|{key}";
}

/// <summary>
/// Idempotency-Key, our rule (Wolverine's [DeduplicatedWithResponse] replays neither the ETag nor the first answer to a
/// duplicate still in flight): a retry with the same key and the same request answers as the first time, with its
/// status, ETag and Location, and appends nothing; the same key with another request is a 422; answers are kept for
/// <see cref="KeepFor"/> (configuration Idempotency:KeepFor, 24 hours by default) and then forgotten.
/// </summary>
public sealed class IdempotencyRecords(IDocumentStore store, TimeProvider clock, IConfiguration configuration)
{
    public TimeSpan KeepFor { get; } = configuration.GetValue("Idempotency:KeepFor", TimeSpan.FromHours(24));

    /// <summary>The header a client's key comes in, and the field a 422 names for it.</summary>
    public const string HeaderField = "Idempotency-Key";

    /// <summary>What a request is, for comparing a retry with the first: method, path and the body as bound.</summary>
    public static string Fingerprint(string method, string path, string body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{method}\n{path}\n{body}")));

    /// <summary>The stored answer for this key, if it is alive; a problem if it answered another request.</summary>
    public async Task<IResult?> Replay(IDocumentSession session, string user, string key, string fingerprint, CancellationToken ct,
        string field = HeaderField)
    {
        if (await session.LoadAsync<IdempotencyRecord>(IdempotencyRecord.IdFor(user, key), ct) is not { } record) return null;
        if (record.At < clock.GetUtcNow() - KeepFor)
        {
            session.Delete(record);   // forgotten: the key is free for a new request, whose answer takes its place
            return null;
        }
        return record.Fingerprint == fingerprint
            ? new ReplayResult(record)
            : field == HeaderField
                ? CommandResults.Invalid(field, "This key was already used for a different request; use a new key for each command.", 422)
                : CommandResults.Invalid(field, "This reference was already used for a different submission; the first one was kept.", 422);
    }

    /// <summary>Stores the answer in the session, so it commits (or not) with the command's events.</summary>
    public void Remember(IDocumentSession session, string user, string key, string fingerprint, int status, string body, string? etag, string? location) =>
        // Insert: the same key sent twice at once fails the second transaction instead of answering twice.
        session.Insert(new IdempotencyRecord(IdempotencyRecord.IdFor(user, key), fingerprint, status, body, etag, location, clock.GetUtcNow()));

    /// <summary>Deletes the answers past their time; returns how many.</summary>
    public async Task<int> Purge(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - KeepFor;
        await using var session = store.LightweightSession();
        var expired = await session.Query<IdempotencyRecord>().Where(r => r.At < cutoff).Select(r => r.Id).ToListAsync(ct);
        if (expired.Count == 0) return 0;
        session.DeleteWhere<IdempotencyRecord>(r => r.Id.IsOneOf(expired.ToArray()));
        await session.SaveChangesAsync(ct);
        return expired.Count;
    }

    private sealed class ReplayResult(IdempotencyRecord record) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            if (record.ETag is { } etag) http.Response.Headers.ETag = etag;
            if (record.Location is { } location) http.Response.Headers.Location = location;
            await Results.Content(record.Body, "application/json", statusCode: record.Status).ExecuteAsync(http);
        }
    }
}

/// <summary>Forgets expired answers once an hour, so the table holds about one day of keys.</summary>
public sealed class IdempotencyPurge(IdempotencyRecords records, ILogger<IdempotencyPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { logger.LogInformation("Forgot {Count} expired idempotency answers", await records.Purge(stoppingToken)); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "Purging idempotency answers failed; next try in an hour"); }
        }
    }
}
