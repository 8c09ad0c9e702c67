using Dossiers.Api.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Dossiers.Tests.Hosting;

public class when_tuning_the_connection
{
    private static NpgsqlConnectionStringBuilder Tuned(string given, params (string Key, string Value)[] settings) =>
        new(DossierStore.Tuned(given, new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build()));

    [Fact]
    public void the_measured_pool_settings_apply_by_default()
    {
        var tuned = Tuned("Host=db;Database=dossiers");

        tuned.NoResetOnClose.ShouldBeTrue();
        tuned.MaxAutoPrepare.ShouldBe(64);
        tuned.AutoPrepareMinUsages.ShouldBe(2);
        tuned.MaxPoolSize.ShouldBe(16);
        tuned.Host.ShouldBe("db");
    }

    [Fact]
    public void the_connection_string_and_the_configuration_win()
    {
        Tuned("Host=db;Maximum Pool Size=40;No Reset On Close=false").ShouldSatisfyAllConditions(
            t => t.MaxPoolSize.ShouldBe(40),
            t => t.NoResetOnClose.ShouldBeFalse());
        Tuned("Host=db", ("Database:MaxPoolSize", "8")).MaxPoolSize.ShouldBe(8);
    }
}
