using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

/// <summary>Every error status a dossier command answers, and that a refused command appends nothing.</summary>
public class when_commands_go_wrong(AppFixture fixture) : IntegrationContext(fixture)
{
    // Đăng ký tạm trú: TTPVHCC phường Kon Tum receives, Công an phường Kon Tum handles.
    private const string Procedure = "1.004194";
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency, user: "desk.lan");
    private string Police => Token(Roles.Officer, agency: PoliceAgency, user: "officer.binh");

    private async Task<DossierView> Accepted()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        return (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;
    }

    [Fact]
    public async Task a_command_on_an_unknown_dossier_answers_404() =>
        await Host.Command($"/api/dossiers/{Guid.NewGuid()}/accept", Desk, status: 404);

    [Fact]
    public async Task a_transition_the_rules_forbid_answers_409_with_the_allowed_actions()
    {
        var dossier = await Accepted();
        var before = await EventCount();

        var result = await Host.Scenario(s =>
        {
            s.Post.Url($"/api/dossiers/{dossier.Id}/accept");
            s.WithBearerToken(Desk);
            s.StatusCodeShouldBe(409);
            s.ContentTypeShouldBe("application/problem+json");
        });

        var problem = await result.ReadAsTextAsync();
        problem.ShouldContain("\"allowedActions\"");
        problem.ShouldContain("\"withdrawal\"");
        problem.ShouldNotContain("\"complete\"");   // the step is the police's: the desk is offered what it may do
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_outcome_the_workflow_does_not_have_answers_409()
    {
        var dossier = await Accepted();
        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{dossier.Tasks[0].TaskId}/complete", Police, new { outcome = "Teleported" }, 409);
    }

    [Fact]
    public async Task a_stale_if_match_answers_412_and_appends_nothing()
    {
        var dossier = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        await Host.Command($"/api/dossiers/{dossier.Id}/supplement-requests", Desk,
            new { items = new[] { "Bản sao giấy tờ chỗ ở hợp pháp" }, reason = "Thiếu giấy tờ" }, configure: s => s.WithRequestHeader("If-Match", "\"1\""));
        var before = await EventCount();

        await Host.Command($"/api/dossiers/{dossier.Id}/refuse", Desk, new { reason = "Không đủ điều kiện" }, 412,
            s => s.WithRequestHeader("If-Match", "\"1\""));

        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_stale_expected_version_in_the_body_answers_412()
    {
        var dossier = await Accepted();
        await Host.Command($"/api/dossiers/{dossier.Id}/withdrawal", Desk, new { reason = "Công dân rút", expectedVersion = dossier.Version - 1 }, 412);
    }

    [Fact]
    public async Task the_current_version_as_if_match_is_accepted_and_answers_the_new_etag()
    {
        var dossier = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var result = await Host.Scenario(s =>
        {
            s.Post.Url($"/api/dossiers/{dossier.Id}/accept");
            s.WithBearerToken(Desk);
            s.WithRequestHeader("If-Match", $"\"{dossier.Version}\"");
            s.StatusCodeShouldBe(200);
        });
        var accepted = (await result.ReadAsJsonAsync<DossierView>())!;
        result.Context.Response.Headers.ETag.ToString().ShouldBe($"\"{accepted.Version}\"");
    }

    [Fact]
    public async Task a_malformed_if_match_answers_400_naming_it() =>
        await Host.Command($"/api/dossiers/{Guid.NewGuid()}/accept", Desk, status: 400, configure: s => s.WithRequestHeader("If-Match", "yesterday"));

    [Fact]
    public async Task an_officer_of_another_agency_answers_403_and_appends_nothing()
    {
        var dossier = await Accepted();
        var before = await EventCount();
        var stranger = Token(Roles.Officer, agency: "004.02.90.H48");

        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{dossier.Tasks[0].TaskId}/complete", stranger, new { outcome = "Done" }, 403);
        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{dossier.Tasks[0].TaskId}/acknowledge", stranger, status: 403);

        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task an_unknown_task_answers_404() =>
        await Host.Command($"/api/dossiers/{(await Accepted()).Id}/tasks/no-such-step/acknowledge", Police, status: 404);

    [Theory]
    [InlineData("refuse", "{}", "reason")]
    [InlineData("supplement-requests", """{"items": [], "reason": "x"}""", "items")]
    [InlineData("supplement-requests", """{"items": ["a\u0007b"], "reason": "x"}""", "items[0]")]
    [InlineData("apologies", """{"reason": "x"}""", "newDueAt")]
    [InlineData("apologies", """{"reason": "x", "newDueAt": "not a date"}""", "newDueAt")]
    [InlineData("payment-requests", """{"reason": "x", "amount": -5}""", "amount")]
    [InlineData("withdrawal", """{"reason": 42}""", "reason")]
    public async Task a_bad_body_answers_400_naming_the_field(string route, string body, string field)
    {
        var dossier = await Accepted();
        var before = await EventCount();

        var result = await Host.Scenario(s =>
        {
            s.Post.Text(body).ToUrl($"/api/dossiers/{dossier.Id}/{route}");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Desk);
            s.StatusCodeShouldBe(400);
        });

        (await result.ReadAsTextAsync()).ShouldContain(field);
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task nothing_is_accepted_after_a_terminal_state()
    {
        var dossier = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        await Host.Command($"/api/dossiers/{dossier.Id}/refuse", Desk, new { reason = "Không thuộc thẩm quyền" });

        await Host.Command($"/api/dossiers/{dossier.Id}/accept", Desk, status: 409);
        await Host.Command($"/api/dossiers/{dossier.Id}/withdrawal", Desk, new { reason = "x" }, 409);
        await Host.Command($"/api/dossiers/{dossier.Id}/stop", Desk, new { reason = "x" }, 409);
    }

    [Fact]
    public async Task an_unknown_procedure_answers_400_naming_it() =>
        (await (await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest("9.123456")).ToUrl("/api/dossiers");
            s.WithBearerToken(Desk);
            s.StatusCodeShouldBe(400);
        })).ReadAsTextAsync()).ShouldContain("procedureCode");
}
