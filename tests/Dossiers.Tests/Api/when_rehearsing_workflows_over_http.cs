using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows.Rehearsal;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Dossiers.Tests.Api;

public class when_rehearsing_workflows_over_http(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Url = "/api/workflows/simulate";
    private const string Friday = "2026-03-06T15:00:00+07:00";
    private const string KonTumCentre = "057.01.90.H48", KonTumPolice = "057.02.90.H48";

    private WorkingCalendar Calendar => Host.Services.GetRequiredService<WorkingCalendar>();

    private static JsonObject ShippedTemporaryResidence(int version)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "1.004194-tam-tru.v1.json")))!.AsObject();
        json["version"] = version;
        return json;
    }

    private Task<IScenarioResult> Send(object body, int status, string role = Roles.Integrator) => Host.Scenario(s =>
    {
        s.Post.Text(body is string text ? text : System.Text.Json.JsonSerializer.Serialize(body)).ToUrl(Url);
        s.WithRequestHeader("Content-Type", "application/json");
        s.WithBearerToken(Token(role));
        s.StatusCodeShouldBe(status);
    });

    private async Task<WorkflowRehearsalResult> Rehearse(object body, string role = Roles.Integrator) =>
        (await (await Send(body, 200, role)).ReadAsJsonAsync<WorkflowRehearsalResult>())!;

    private static async Task<JsonObject> Problem(IScenarioResult result) => JsonNode.Parse(await result.ReadAsTextAsync())!.AsObject();

    [Fact]
    public async Task a_shipped_file_answers_every_path_timed_on_the_calendar_with_its_units()
    {
        var rehearsal = await Rehearse(new { definitionId = "1.004194-tam-tru", version = 1, start = Friday, receivingCentre = KonTumCentre });

        var start = DateTimeOffset.Parse(Friday);
        rehearsal.Start.ShouldBe(start);
        rehearsal.LegalHours.ShouldBe(24);
        rehearsal.LegalDueAt.ShouldBe(Calendar.Due(start, Budget.WorkingDays(3)).DueAt);
        rehearsal.Paths.Select(p => $"{string.Join(",", p.Choices.Select(c => $"{c.Key}={c.Value[0]}"))}→{p.End!.ActivityId}")
            .ShouldBe(["appraise=Approved,approve=Approved→result", "appraise=Approved,approve=Rejected→reject", "appraise=Rejected→reject"]);
        var granted = rehearsal.Paths[0];
        granted.BudgetHours.ShouldBe(22);
        granted.EndsAt.ShouldBe(Calendar.Due(start, Budget.WorkingHours(22)).DueAt);
        granted.Steps.Single(s => s.ActivityId == "appraise").Agency.ShouldBe(new StepAgency("competent:police", KonTumPolice, "CA phường Kon Tum"));
        granted.Steps[0].Agency!.Code.ShouldBe(KonTumCentre);
        rehearsal.AllFit.ShouldBeTrue();
        rehearsal.Truncated.ShouldBeFalse();
    }

    [Fact]
    public async Task the_inter_agency_chain_runs_police_and_insurance_in_parallel()
    {
        var rehearsal = await Rehearse(new { definitionId = "9.000002-lien-thong-khai-sinh-thuong-tru-bhyt", version = 1, start = Friday, commune = "057.00.90.H48" });

        var path = rehearsal.Paths[0];
        path.End!.ActivityId.ShouldBe("result");
        var residence = path.Steps.Single(s => s.ActivityId == "residence");
        var card = path.Steps.Single(s => s.ActivityId == "health-card");
        residence.StartsAt.ShouldBe(card.StartsAt);
        residence.Branch.ShouldBe("fork/Police");
        path.Steps.Single(s => s.ActivityId == "join").StartsAt.ShouldBe(new[] { residence.DueAt, card.DueAt }.Max());
        path.BudgetHours.ShouldBe(20);   // docs/workflows.md §5.1: only the longer branch counts
        path.Steps[0].Agency!.Code.ShouldBe(KonTumCentre);   // the commune's own centre receives
        rehearsal.Paths.Count.ShouldBe(3);
        rehearsal.AllFit.ShouldBeTrue();
    }

    [Fact]
    public async Task an_unsaved_draft_is_rehearsed_and_shows_a_calendar_day_limit_the_budget_rule_cannot_see()
    {
        // 3 calendar days pass the budget rule (counted as 24 h), but from a Friday afternoon they hold only 10 office hours.
        var draft = ShippedTemporaryResidence(140);
        draft["customProperties"]!["procedure"]!["legalTime"] = JsonNode.Parse("""{"amount": 3, "unit": "CalendarDays"}""");

        var rehearsal = await Rehearse(new { definition = draft, start = Friday, outcomes = new { appraise = "Approved", approve = new[] { "Approved" } } });

        rehearsal.Version.ShouldBe(140);
        rehearsal.LegalDueAt.ShouldBe(Calendar.Due(DateTimeOffset.Parse(Friday), Budget.CalendarDays(3)).DueAt);
        var path = rehearsal.Paths.ShouldHaveSingleItem();
        path.BudgetHours.ShouldBe(22);
        path.Fits.ShouldBeFalse();
        path.LateByHours.ShouldBe((decimal)Calendar.WorkingTimeBetween(path.LegalDueAt, path.EndsAt).TotalHours);
        path.LateByHours.ShouldBe(12);
        path.Steps.Single(s => s.ActivityId == "appraise").Agency!.Code.ShouldBeNull();   // no centre named: notation only
        rehearsal.AllFit.ShouldBeFalse();
    }

    [Fact]
    public async Task an_invalid_draft_answers_400_with_the_validation_report()
    {
        var draft = ShippedTemporaryResidence(140);
        draft["root"]!["activities"]!.AsArray()[1]!["agency"] = "000.99.99.H48";

        var report = await (await Send(new { definition = draft, start = Friday }, 400)).ReadAsJsonAsync<ValidationReport>();

        report!.Valid.ShouldBeFalse();
        report.Problems.ShouldContain(p => p.ActivityId == "appraise" && p.Message.Contains("000.99.99.H48"));
    }

    [Fact]
    public async Task a_stored_draft_is_rehearsed_by_its_version()
    {
        await Host.Scenario(s =>
        {
            s.Post.Text(ShippedTemporaryResidence(120).ToJsonString()).ToUrl("/api/workflows");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Token(Roles.Integrator));
            s.StatusCodeShouldBe(201);
        });

        var rehearsal = await Rehearse(new { definitionId = "1.004194-tam-tru", version = 120, start = Friday }, Roles.Controller);

        rehearsal.Version.ShouldBe(120);
        rehearsal.Paths.Count.ShouldBe(3);
    }

    [Fact]
    public async Task without_a_start_it_starts_now_in_vietnam_time()
    {
        var before = Fixture.Clock.GetUtcNow();
        var rehearsal = await Rehearse(new { definitionId = "1.004194-tam-tru", version = 1 }, Roles.Admin);

        rehearsal.Start.Offset.ShouldBe(TimeSpan.FromHours(7));
        rehearsal.Start.ShouldBeInRange(before, Fixture.Clock.GetUtcNow());
    }

    [Theory]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "start": "2026-03-06T15:00:00"}""", "start")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "start": "next friday"}""", "start")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "start": "9999-01-01T08:00:00+07:00"}""", "start")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "start": 5}""", "start")]
    [InlineData("""{"definitionId": "1.004194-tam-tru"}""", "version")]
    [InlineData("""{"version": 1}""", "definitionId")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": "one"}""", "version")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "definition": {}}""", "definition")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "outcomes": ["Approved"]}""", "outcomes")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "outcomes": {"appraise": 3}}""", "outcomes.appraise")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "outcomes": {"appraise": "Maybe"}}""", "outcomes.appraise")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "receivingCentre": "057.02.90.H48"}""", "receivingCentre")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "commune": "nowhere"}""", "commune")]
    [InlineData("""{"definitionId": "1.004194-tam-tru", "version": 1, "outcome": {"appraise": "Approved"}}""", "outcome")]
    [InlineData("""[1, 2]""", "body")]
    [InlineData("""{"definitionId": """, "body")]
    [InlineData("", "body")]
    public async Task bad_input_answers_400_naming_the_field(string body, string field)
    {
        var problem = await Problem(await Send(body, 400));

        problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(problem.ToJsonString());
    }

    [Fact]
    public async Task a_pinned_port_that_does_not_exist_is_named_with_the_ports_there_are()
    {
        var problem = await Problem(await Send(new { definitionId = "1.004194-tam-tru", version = 1, outcomes = new { appraise = "Maybe" } }, 400));

        problem["errors"]!["outcomes.appraise"]![0]!.GetValue<string>().ShouldContain("Approved, Rejected");
    }

    [Fact]
    public async Task an_unknown_version_answers_404() =>
        await Send(new { definitionId = "1.004194-tam-tru", version = 999, start = Friday }, 404);

    [Fact]
    public async Task a_desk_officer_may_not_rehearse() =>
        await Send(new { definitionId = "1.004194-tam-tru", version = 1 }, 403, Roles.Desk);
}
