using System.Collections.Concurrent;
using Dossiers.Api.Auth;

namespace Dossiers.Bench;

/// <summary>Bearer tokens signed with the bench's own key, one per (role, agency, user), minted once.</summary>
public sealed class Tokens(string signingKey)
{
    private readonly AuthSettings _settings = new("dossiers", "dossiers-api", signingKey, null);
    private readonly ConcurrentDictionary<(string, string?, string), string> _minted = new();

    public string For(string role, string? agency, string user) =>
        _minted.GetOrAdd((role, agency, user), k => DevelopmentTokens.Mint(_settings, k.Item1, k.Item2, k.Item3, TimeSpan.FromHours(6)));

    public string Auditor => For("auditor", null, "bench-auditor");
}
