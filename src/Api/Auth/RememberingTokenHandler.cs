using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dossiers.Api.Auth;

/// <summary>
/// Validates bearer tokens as the JWT handler does, and remembers a valid one for at most a minute and never past its
/// expiry: an officer sends the same token with every request, and checking its signature and claims again each time
/// took about 3 % of the API's CPU under load (bench/README.md). Only the exact token text that passed is remembered,
/// so nothing is accepted that a full check would refuse, except that a signing key withdrawn at the identity provider
/// stops being trusted up to a minute later (docs/decisions.md). Each request gets its own copy of the identity, made
/// from one that no request holds.
/// </summary>
public sealed class RememberingTokenHandler(TimeProvider clock) : JsonWebTokenHandler
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(1);

    // Bounded: when full (that many distinct tokens within a minute) it starts again empty.
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, Remembered> _valid = new(StringComparer.Ordinal);

    private sealed record Remembered(TokenValidationResult Result, DateTimeOffset Until);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (_valid.TryGetValue(token, out var remembered))
        {
            if (now < remembered.Until) return Copy(remembered.Result);
            _valid.TryRemove(token, out _);
        }
        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } valid)
        {
            // ValidTo is DateTime.MinValue for a token without an expiry: then the minute alone bounds it.
            var expires = valid.ValidTo == DateTime.MinValue ? DateTimeOffset.MaxValue : new DateTimeOffset(valid.ValidTo, TimeSpan.Zero);
            var until = now + KeepFor < expires ? now + KeepFor : expires;
            if (_valid.Count >= Capacity) _valid.Clear();
            // A copy of its own: the result's identity is built lazily, and not for two threads at once, while this
            // request's handler reads it and other requests with the same token would copy it.
            _valid[token] = new Remembered(Copy(result), until);
        }
        return result;
    }

    private static TokenValidationResult Copy(TokenValidationResult result) => new()
    {
        IsValid = true,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        SecurityToken = result.SecurityToken,
        TokenType = result.TokenType,
        Issuer = result.Issuer,
    };
}
