using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Evaluations;
using Dossiers.Api.Hosting;
using Dossiers.Projections.Evaluation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Dossiers.Engine.Evaluations;
using Dossiers.Projections.Evaluations;
using Dossiers.Tests.Fixtures;
using Marten;
using Marten.Events;
using Scenarios = Dossiers.Tests.Fixtures.Scenarios;

namespace Dossiers.Tests.Evaluations;

/// <summary>
/// <c>GET /api/evaluations/agencies</c> and <c>/officers</c> through the real host, and who may read what. Today at
/// Kon Tum: two dossiers of 1.004194 (legal time 3 working days) accepted by desk officer lan; police officer p.an
/// appraises (1.5 working days: finished the same morning, early, 2) and approves (0.5 working day: due the same day,
/// on time, 1) the first; lan returns it (2 working hours, on time, 1); the dossier finished early (indicator 1: 2).
/// The citizen then evaluates it: contacts 1, agencies 2, adequate, satisfied (every score 1), crediting the centre
/// and the police, and the officers who did its steps.
/// <code>
/// police   dossier 2.00, steps (2 + 1) / 2 = 1.50, explanations none though it worked (2), PAKN none, citizens 1 × 4
///          → (2 + 1.5 + 2 + 4) / 7 = 1.357 → 1.36 Hoàn thành
/// p.an     steps 1.50, citizens 1 × 4 → 5.5 / 5 = 1.10 Hoàn thành
/// lan      steps 1.00 (intake and return, each on time), citizens 1 × 4 → 1.00 Hoàn thành
/// </code>
/// </summary>
public class when_reading_agency_and_officer_evaluations(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency, user: "lan");
    private string Police => Token(Roles.Officer, agency: PoliceAgency, user: "p.an");
    private string OtherOfficer => Token(Roles.Officer, agency: PoliceAgency, user: "p.binh");
    private string PoliceChief => Token(Roles.Officer, agency: PoliceAgency, user: "p.chief", position: Positions.Leader);
    private static string Day => $"{ShiftedClock.MondayMorning:yyyy-MM-dd}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var finished = await Accepted();
        foreach (var step in new[] { "appraise", "approve" })
            await Host.Command($"/api/dossiers/{finished}/tasks/{step}/complete", Police, new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{finished}/tasks/return/complete", Desk, new { outcome = "Done" });
        await Accepted();

        var at = Fixture.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        var id = EvaluationDecider.StreamIdFor(finished);
        await using (var session = Store.LightweightSession())
        {
            session.Events.StartStream<ServiceEvaluation>(id, new ServiceEvaluated(id, finished, "1.004194", DeskAgency, [PoliceAgency], 1,
                EvaluationScale.ContactsScore(1), 2, EvaluationScale.AgenciesScore(2), Attitude.Adequate, EvaluationScale.Score(Attitude.Adequate),
                Satisfaction.Satisfied, EvaluationScale.Score(Satisfaction.Satisfied), null, at, at));
            await session.SaveChangesAsync();
        }
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<Guid> Accepted()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);
        return submitted.Id;
    }

    private async Task<JsonObject> Get(string url, string token, int status = 200)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(status);
        });
        return JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();
    }

    private static JsonArray Rows(JsonObject report, string list) => report["periods"]!.AsArray().Single()![list]!.AsArray();

    private static JsonObject Evaluation(JsonObject report, string list, Func<JsonObject, bool> which) =>
        Rows(report, list).Select(r => r!["evaluation"]!.AsObject()).Single(which);

    private static decimal? Score(JsonObject evaluation, string key) =>
        (decimal?)evaluation["indicators"]!.AsArray().Single(i => (string?)i!["key"] == key)!["score"];

    [Fact]
    public async Task the_agencies_are_scored_on_every_indicator_with_a_total_and_a_grade()
    {
        var report = await Get($"/api/evaluations/agencies?from={Day}&to={Day}", Token(Roles.Controller));

        var police = Evaluation(report, "agencies", e => (string?)e["agency"] == PoliceAgency);
        (Score(police, "dossierTime"), Score(police, "stepTime"), Score(police, "explanations"), Score(police, "feedback")).ShouldBe((2.00m, 1.50m, 2m, null));
        (Score(police, "contacts"), Score(police, "agenciesContacted"), Score(police, "attitude"), Score(police, "satisfaction"))
            .ShouldBe((1.00m, 1.00m, 1.00m, 1.00m));
        ((decimal)police["total"]!, (string?)police["grade"], (string?)police["gradeLabel"]).ShouldBe((1.36m, "pass", "Hoàn thành"));
        ((string?)Rows(report, "agencies").Single(r => (string?)r!["evaluation"]!["agency"] == PoliceAgency)!["agencyName"]).ShouldBe("Công an phường Kon Tum");
        ((decimal)report["rules"]!["goodFrom"]!).ShouldBe(1.5m);

        foreach (var role in new[] { Roles.Auditor, Roles.Admin })
            Rows(await Get($"/api/evaluations/agencies?from={Day}&to={Day}", Token(role)), "agencies").Count.ShouldBe(2);
        var months = await Get($"/api/evaluations/agencies?year={ShiftedClock.MondayMorning.Year}&period=month&level=commune", Token(Roles.Controller));
        months["periods"]!.AsArray().Count.ShouldBe(12);
        months["periods"]!.AsArray()[ShiftedClock.MondayMorning.Month - 1]!["agencies"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task officers_and_desk_read_their_own_agency_only()
    {
        var own = await Get($"/api/evaluations/agencies?from={Day}&to={Day}", Police);

        ((string?)own["agency"]).ShouldBe(PoliceAgency);
        Rows(own, "agencies").Select(r => (string?)r!["evaluation"]!["agency"]).ShouldBe([PoliceAgency]);
        await Get($"/api/evaluations/agencies?from={Day}&to={Day}&agency={DeskAgency}", Police, 403);
        await Get($"/api/evaluations/agencies?from={Day}&to={Day}&agency={PoliceAgency}", Desk, 403);
        Rows(await Get($"/api/evaluations/agencies?from={Day}&to={Day}", Desk), "agencies").Single()!["evaluation"]!["agency"]!
            .GetValue<string>().ShouldBe(DeskAgency);
    }

    [Fact]
    public async Task an_officer_reads_their_own_figures_and_no_one_else_s()
    {
        var mine = await Get($"/api/evaluations/officers?from={Day}&to={Day}", Police);

        var an = Evaluation(mine, "officers", e => true);
        ((string?)an["user"], (string?)an["agency"]).ShouldBe(("p.an", PoliceAgency));
        (Score(an, "stepTime"), Score(an, "feedback"), Score(an, "contacts"), Score(an, "satisfaction")).ShouldBe((1.50m, null, 1.00m, 1.00m));
        ((decimal)an["total"]!, (string?)an["gradeLabel"]).ShouldBe((1.10m, "Hoàn thành"));
        Rows(await Get($"/api/evaluations/officers?from={Day}&to={Day}&user=p.an", Police), "officers").Count.ShouldBe(1);

        var refused = await Get($"/api/evaluations/officers?from={Day}&to={Day}&user=p.an", OtherOfficer, 403);
        ((string)refused["detail"]!).ShouldContain("their own evaluation");
        Rows(await Get($"/api/evaluations/officers?from={Day}&to={Day}", OtherOfficer), "officers").ShouldBeEmpty();   // no work of their own
        await Get($"/api/evaluations/officers?from={Day}&to={Day}&user=lan", Police, 403);
        await Get($"/api/evaluations/officers?from={Day}&to={Day}&agency={DeskAgency}", Police, 403);

        var lan = Evaluation(await Get($"/api/evaluations/officers?from={Day}&to={Day}", Desk), "officers", e => true);
        ((string?)lan["user"], Score(lan, "stepTime"), (decimal)lan["total"]!).ShouldBe(("lan", 1.00m, 1.00m));
    }

    [Fact]
    public async Task a_leader_reads_every_officer_of_their_unit_and_the_control_office_everyone()
    {
        var unit = await Get($"/api/evaluations/officers?from={Day}&to={Day}", PoliceChief);
        Rows(unit, "officers").Select(r => (string?)r!["evaluation"]!["user"]).ShouldBe(["p.an"]);
        Rows(await Get($"/api/evaluations/officers?from={Day}&to={Day}&user=p.an", PoliceChief), "officers").Count.ShouldBe(1);
        await Get($"/api/evaluations/officers?from={Day}&to={Day}&agency={DeskAgency}", PoliceChief, 403);
        await Get($"/api/evaluations/officers?from={Day}&to={Day}&user=lan&agency={DeskAgency}", PoliceChief, 403);

        foreach (var role in new[] { Roles.Controller, Roles.Admin })
        {
            var all = await Get($"/api/evaluations/officers?from={Day}&to={Day}", Token(role));
            Rows(all, "officers").Select(r => ((string?)r!["evaluation"]!["agency"], (string?)r["evaluation"]!["user"]))
                .ShouldBe([(DeskAgency, "lan"), (PoliceAgency, "p.an")]);
            Rows(await Get($"/api/evaluations/officers?from={Day}&to={Day}&user=lan", Token(role)), "officers").Count.ShouldBe(1);
        }
        // The audit office reads agencies, not officers.
        await Get($"/api/evaluations/officers?from={Day}&to={Day}", Token(Roles.Auditor), 403);
    }

    [Theory]
    [InlineData("/api/evaluations/agencies?month=2026-13", "month")]
    [InlineData("/api/evaluations/agencies?year=2026&period=week", "period")]
    [InlineData("/api/evaluations/agencies?year=2026&agency=999.99.99.H48", "agency")]
    [InlineData("/api/evaluations/agencies?year=2026&level=district", "level")]
    [InlineData("/api/evaluations/officers?from=2026-03-01", "to")]
    [InlineData("/api/evaluations/officers?quarter=2026-Q5", "quarter")]
    public async Task bad_parameters_answer_400_naming_them(string url, string field)
    {
        var problem = await Get(url, Token(Roles.Controller), 400);

        problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(url);
    }

    [Fact]
    public async Task the_development_token_command_issues_the_leader_position_to_unit_staff_only()
    {
        var configuration = Host.Services.GetRequiredService<IConfiguration>();
        var environment = Host.Services.GetRequiredService<IHostEnvironment>();
        var output = new StringWriter();
        var (original, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(new StringWriter());
        try
        {
            Cli.TryRun(["token", "--role", "officer", "--agency", PoliceAgency, "--user", "p.chief", "--position", "leader"], configuration, environment)
                .ShouldBe(0);
            Cli.TryRun(["token", "--role", "officer", "--agency", PoliceAgency, "--position", "chief"], configuration, environment).ShouldBe(2);
            Cli.TryRun(["token", "--role", "controller", "--position", "leader"], configuration, environment).ShouldBe(2);
        }
        finally
        {
            Console.SetOut(original);
            Console.SetError(originalError);
        }

        var leader = output.ToString().Trim().Split('\n').Last();
        Rows(await Get($"/api/evaluations/officers?from={Day}&to={Day}&user=p.an", leader), "officers").Count.ShouldBe(1);
    }

    [Fact]
    public void weights_and_thresholds_are_read_from_configuration_and_bad_ones_stop_the_start()
    {
        static EvaluationRules Rules(params (string Key, string Value)[] settings) => EvaluationsSetup.AgencyEvaluationRules(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>($"AgencyEvaluation:{s.Key}", s.Value))).Build());

        var none = Rules();
        none.Weights.ShouldBeEmpty();
        none.ShouldBe(EvaluationRules.Default with { Weights = none.Weights });
        var rules = Rules(("Weights:attitude", "2.5"), ("FeedbackPassRate", "70"), ("GoodFrom", "1.6"));
        (rules.WeightOf(Indicators.Attitude), rules.WeightOf(Indicators.Contacts), rules.FeedbackPassRate, rules.GoodFrom, rules.PassFrom)
            .ShouldBe((2.5m, 1m, 70m, 1.6m, 1.0m));
        Should.Throw<InvalidOperationException>(() => Rules(("Weights:speed", "1"))).Message.ShouldContain("AgencyEvaluation:Weights:speed");
        Should.Throw<InvalidOperationException>(() => Rules(("Weights:attitude", "much"))).Message.ShouldContain("AgencyEvaluation:Weights:attitude");
        Should.Throw<InvalidOperationException>(() => Rules(("PassFrom", "1.8"))).Message.ShouldContain("PassFrom");
    }
}
