using Dossiers.Api.Auth;
using Microsoft.Extensions.Configuration;

namespace Dossiers.Tests.Security;

public class when_configuring_production_auth
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void neither_a_key_nor_an_authority_refuses_to_start() =>
        Should.Throw<InvalidOperationException>(() => AuthSettings.From(Config())).Message.ShouldContain("Auth:Authority");

    [Fact]
    public void a_short_signing_key_refuses_to_start() =>
        Should.Throw<InvalidOperationException>(() => AuthSettings.From(Config(("Auth:SigningKey", "short"))));

    [Fact]
    public void an_oidc_authority_is_enough()
    {
        var settings = AuthSettings.From(Config(("Auth:Authority", "https://id.example.vn/realms/dossiers"), ("Auth:Audience", "dossiers-api")));

        settings.Authority.ShouldBe("https://id.example.vn/realms/dossiers");
        settings.SigningKey.ShouldBeNull();
    }
}
