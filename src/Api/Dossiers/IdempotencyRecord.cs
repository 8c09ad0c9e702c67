namespace Dossiers.Api.Dossiers;

/// <summary>
/// The answer given to a command sent with an Idempotency-Key, stored in the same transaction as its events:
/// a retry gets the same answer and appends nothing. Keys are scoped to the user who sent them.
/// </summary>
public sealed record IdempotencyRecord(string Id, string Method, string Path, int Status, string Body, DateTimeOffset At)
{
    public static string IdFor(string user, string key) => $"{user}|{key}";
}
