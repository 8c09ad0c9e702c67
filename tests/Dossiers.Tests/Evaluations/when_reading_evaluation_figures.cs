using System.Text.Json;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Projections.Evaluations;
using Dossiers.Tests.Fixtures;
using static Dossiers.Tests.Evaluations.EvaluationMonth;

namespace Dossiers.Tests.Evaluations;

/// <summary>
/// <c>GET /api/evaluations/figures</c> over the stored read model: the hand-computed month (<see cref="EvaluationMonth"/>)
/// recorded as events on evaluation streams, read back per day in Vietnam time by the control and audit offices.
/// </summary>
public class when_reading_evaluation_figures(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var session = Store.LightweightSession();
        foreach (var evaluated in Events()) session.Events.StartStream<ServiceEvaluation>(evaluated.EvaluationId, evaluated);
        await session.SaveChangesAsync();
    }

    private async Task<EvaluationFiguresReport> Figures(string query, string role = Roles.Controller)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/evaluations/figures?{query}");
            s.WithBearerToken(Token(role));
            s.StatusCodeShouldBe(200);
        });
        return JsonSerializer.Deserialize<EvaluationFiguresReport>(await result.ReadAsTextAsync(), Json)!;
    }

    [Fact]
    public async Task the_month_reads_as_computed_by_hand_for_the_province_and_each_agency()
    {
        var report = await Figures("from=2026-03-01&to=2026-03-31");

        (report.From, report.To).ShouldBe((From, To));
        report.Province.ShouldBe(when_computing_evaluation_figures.Province);
        report.Agencies.ShouldBe([
            new AgencyEvaluationScores(B, when_computing_evaluation_figures.CentreB),
            new AgencyEvaluationScores(A, when_computing_evaluation_figures.CentreA),
            new AgencyEvaluationScores(P, when_computing_evaluation_figures.Police),
            new AgencyEvaluationScores(T, when_computing_evaluation_figures.OtherUnit),
        ]);
        foreach (var role in new[] { Roles.Auditor, Roles.Admin })
            (await Figures("from=2026-03-01&to=2026-03-31", role)).Province.Evaluations.ShouldBe(5);
    }

    [Fact]
    public async Task an_agency_and_the_dates_narrow_it()
    {
        var police = await Figures($"from=2026-03-01&to=2026-03-31&agency={P}");
        police.Province.ShouldBe(when_computing_evaluation_figures.Police);
        police.Agencies.ShouldHaveSingleItem().Agency.ShouldBe(P);

        (await Figures("from=2026-04-01&to=2026-04-01")).Province.Evaluations.ShouldBe(1);   // 00:10 on the 1st, Vietnam time
        (await Figures("from=2026-03-31&to=2026-03-31")).Province.Evaluations.ShouldBe(1);   // 23:30 on the 31st
        var empty = await Figures("from=2025-01-01&to=2025-01-31");
        empty.Province.Evaluations.ShouldBe(0);
        empty.Province.Satisfaction.SatisfactionRate.ShouldBeNull();
        empty.Agencies.ShouldBeEmpty();
    }

    [Fact]
    public async Task bad_dates_are_a_400_naming_the_parameter()
    {
        foreach (var (query, field) in new[] { ("to=2026-03-31", "from"), ("from=2026-03-01&to=31/03/2026", "to"), ("from=2026-03-31&to=2026-03-01", "to") })
        {
            var result = await Host.Scenario(s =>
            {
                s.Get.Url($"/api/evaluations/figures?{query}");
                s.WithBearerToken(Token(Roles.Controller));
                s.StatusCodeShouldBe(400);
            });
            System.Text.Json.Nodes.JsonNode.Parse(await result.ReadAsTextAsync())!["errors"]![field].ShouldNotBeNull(query);
        }
    }
}
