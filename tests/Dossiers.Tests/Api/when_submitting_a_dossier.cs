using Dossiers.Engine;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

public class when_submitting_a_dossier(AppFixture fixture) : IntegrationContext(fixture)
{
    [Fact]
    public async Task answers_201_with_the_location_of_the_new_dossier()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest()).ToUrl("/api/dossiers");
            s.WithBearerToken(Token(Roles.Desk, agency: "057.01.90.H48"));
            s.StatusCodeShouldBe(201);
        });
        var created = (await result.ReadAsJsonAsync<DossierView>())!;
        created.Id.ShouldNotBe(Guid.Empty);
        result.Context.Response.Headers.Location.ToString().ShouldBe($"/api/dossiers/{created.Id}");
    }

    [Fact]
    public async Task the_dossier_reads_back_with_its_internal_and_national_status()
    {
        var created = await Host.SubmittedDossier(Token(Roles.Desk, agency: "057.01.90.H48"), Scenarios.SubmitRequest("1.004194", "online"));

        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dossiers/{created.Id}");
            s.WithBearerToken(Token(Roles.Auditor));
        });
        var view = await result.ReadAsJsonAsync<DossierView>();

        view.ShouldNotBeNull();
        view.ProcedureCode.ShouldBe("1.004194");
        view.Channel.ShouldBe(Channel.Online);
        view.Status.ShouldBe(DossierStatus.Submitted);
        view.DvcqgStatus.ShouldBe(1);
        view.Version.ShouldBe(1);
        view.SubmittedAt.Offset.ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public async Task records_who_submitted_from_the_token_and_never_from_the_body()
    {
        var body = new
        {
            procedureCode = "1.004222", channel = "desk", applicant = new { name = "Trần Thị B" }, documents = Array.Empty<object>(),
            submittedBy = new { user = "impostor", role = "admin", agency = "H48" },
        };
        var created = await Host.SubmittedDossier(Token(Roles.Desk, agency: "057.01.90.H48", user: "desk.lan"), body);

        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(created.Id);
        var submitted = events.Single().Data.ShouldBeOfType<DossierSubmitted>();
        submitted.SubmittedBy.ShouldBe(new Actor("desk.lan", Roles.Desk, "057.01.90.H48"));
        submitted.Applicant.Name.ShouldBe("Trần Thị B");
    }

    [Fact]
    public async Task a_bad_body_answers_400_naming_every_field_and_appends_nothing()
    {
        var before = await EventCount();
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(new { procedureCode = "42", channel = "desk", documents = new[] { new { kind = "original" } } }).ToUrl("/api/dossiers");
            s.WithBearerToken(Token(Roles.Desk));
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });
        var problem = await result.ReadAsTextAsync();
        problem.ShouldContain("\"procedureCode\"");
        problem.ShouldContain("\"applicant\"");
        problem.ShouldContain("\"documents[0].name\"");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task malformed_json_answers_400_without_a_stack_trace()
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Text("{\"procedureCode\": ").ToUrl("/api/dossiers");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Token(Roles.Desk));
            s.StatusCodeShouldBe(400);
        });
        (await result.ReadAsTextAsync()).ShouldNotContain("   at ");
    }

    [Fact]
    public async Task an_unknown_channel_answers_400()
    {
        var before = await EventCount();
        await Host.Scenario(s =>
        {
            s.Post.Json(new { procedureCode = "1.004222", channel = "carrier-pigeon", applicant = new { name = "A" }, documents = Array.Empty<object>() })
                .ToUrl("/api/dossiers");
            s.WithBearerToken(Token(Roles.Desk));
            s.StatusCodeShouldBe(400);
        });
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task without_a_token_answers_401()
    {
        await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest()).ToUrl("/api/dossiers");
            s.StatusCodeShouldBe(401);
        });
    }

    [Fact]
    public async Task a_role_that_does_not_take_dossiers_answers_403()
    {
        await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest()).ToUrl("/api/dossiers");
            s.WithBearerToken(Token(Roles.Auditor));
            s.StatusCodeShouldBe(403);
        });
    }

    [Fact]
    public async Task an_unknown_dossier_answers_404_as_a_problem()
    {
        await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dossiers/{Guid.NewGuid()}");
            s.WithBearerToken(Token(Roles.Auditor));
            s.StatusCodeShouldBe(404);
            s.ContentTypeShouldBe("application/problem+json");
        });
    }
}
