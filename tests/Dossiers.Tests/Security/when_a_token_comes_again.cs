using System.Text;
using Dossiers.Api.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Dossiers.Tests.Security;

/// <summary>
/// A token that passed is remembered for at most a minute and never past its expiry; what proves it here is a change of
/// signing key, which a full check would refuse: within the minute the remembered answer stands, after it it does not.
/// </summary>
public class when_a_token_comes_again
{
    private static readonly AuthSettings Settings = new("dossiers", "dossiers-api", "a-signing-key-of-at-least-32-characters!", null);

    private sealed class SetClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static TokenValidationParameters SignedWith(string key) => new()
    {
        ValidIssuer = Settings.Issuer, ValidAudience = Settings.Audience, IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
        NameClaimType = ClaimNames.User, RoleClaimType = ClaimNames.Role,
    };

    private static readonly TokenValidationParameters Current = SignedWith(Settings.SigningKey!);
    private static readonly TokenValidationParameters Rotated = SignedWith("another-signing-key-of-32-characters-or-more");

    [Fact]
    public async Task it_is_remembered_for_a_minute_with_an_identity_of_its_own_each_time()
    {
        var clock = new SetClock();
        var handler = new RememberingTokenHandler(clock) { MapInboundClaims = false };
        var token = DevelopmentTokens.Mint(Settings, Roles.Officer, "UBND-X", "officer-7");

        var first = await handler.ValidateTokenAsync(token, Current);
        first.IsValid.ShouldBeTrue();
        clock.Now += TimeSpan.FromSeconds(59);
        var again = await handler.ValidateTokenAsync(token, Rotated);
        again.IsValid.ShouldBeTrue();   // remembered: a full check with the other key would refuse it
        again.ClaimsIdentity.ShouldNotBeSameAs(first.ClaimsIdentity);
        again.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)).ShouldBe(first.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)));

        clock.Now += TimeSpan.FromSeconds(2);
        (await handler.ValidateTokenAsync(token, Rotated)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task it_is_not_remembered_past_its_expiry()
    {
        var clock = new SetClock();
        var handler = new RememberingTokenHandler(clock) { MapInboundClaims = false };
        var token = DevelopmentTokens.Mint(Settings, Roles.Desk, "TTHCC-X", lifetime: TimeSpan.FromSeconds(20));

        (await handler.ValidateTokenAsync(token, Current)).IsValid.ShouldBeTrue();
        clock.Now += TimeSpan.FromSeconds(21);   // past its expiry, well within the minute
        (await handler.ValidateTokenAsync(token, Rotated)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task many_requests_with_one_token_at_once_each_get_a_whole_identity_of_their_own()
    {
        // The console's dashboard asks the API for six figures at once with the same token.
        var handler = new RememberingTokenHandler(new SetClock()) { MapInboundClaims = false };
        var token = DevelopmentTokens.Mint(Settings, Roles.Controller, user: "quang");
        var identities = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(async () =>
        {
            var result = await handler.ValidateTokenAsync(token, Current);
            result.IsValid.ShouldBeTrue();
            return result.ClaimsIdentity;
        })));
        identities.ShouldAllBe(identity => identity.Name == "quang" && identity.HasClaim(ClaimNames.Role, Roles.Controller));
        identities.Distinct().Count().ShouldBe(identities.Length);
    }

    [Fact]
    public async Task a_refused_token_is_not_remembered()
    {
        var handler = new RememberingTokenHandler(new SetClock()) { MapInboundClaims = false };
        var token = DevelopmentTokens.Mint(Settings, Roles.Officer, "UBND-X");

        (await handler.ValidateTokenAsync(token, Rotated)).IsValid.ShouldBeFalse();
        (await handler.ValidateTokenAsync(token, Rotated)).IsValid.ShouldBeFalse();
        (await handler.ValidateTokenAsync(token, Current)).IsValid.ShouldBeTrue();
    }
}
