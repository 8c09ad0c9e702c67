using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

public class when_commands_race_or_repeat(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Procedure = "1.004194";
    private const string DeskAgency = "057.01.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency, user: "desk.lan");

    [Fact]
    public async Task concurrent_accepts_get_distinct_gap_free_codes()
    {
        const int count = 12;
        var dossiers = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure))));

        var accepted = await Task.WhenAll(dossiers.Select(d => Host.Command($"/api/dossiers/{d.Id}/accept", Desk)));

        var numbers = accepted.Select(a => int.Parse(a!.Code![^4..])).Order().ToList();
        numbers.ShouldBe(Enumerable.Range(1, count).ToList());
        accepted.Select(a => a!.Code).Distinct().Count().ShouldBe(count);
        accepted.ShouldAllBe(a => a!.Code!.StartsWith(DeskAgency + "-"));
    }

    [Fact]
    public async Task two_officers_racing_on_one_task_exactly_one_wins()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var dossier = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;
        var task = dossier.Tasks[0];
        var officers = Enumerable.Range(1, 4).Select(i => Token(Roles.Officer, agency: task.Agency, user: $"officer-{i}")).ToList();

        var answers = await Task.WhenAll(officers.Select(token => Host.Scenario(s =>
        {
            s.Post.Json(new { outcome = "Approved" }).ToUrl($"/api/dossiers/{dossier.Id}/tasks/{task.TaskId}/complete");
            s.WithBearerToken(token);
            s.IgnoreStatusCode();
        })));

        answers.Count(a => a.Context.Response.StatusCode == 200).ShouldBe(1);
        answers.Where(a => a.Context.Response.StatusCode != 200).ShouldAllBe(a => a.Context.Response.StatusCode == 404 || a.Context.Response.StatusCode == 409);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(dossier.Id)).Count(e => e.Data is TaskCompleted c && c.TaskId == task.TaskId).ShouldBe(1);
    }

    [Fact]
    public async Task a_retried_command_with_the_same_idempotency_key_answers_as_the_first_time_and_appends_nothing()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));

        async Task<(int Status, string Body)> Accept()
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Url($"/api/dossiers/{submitted.Id}/accept");
                s.WithBearerToken(Desk);
                s.WithRequestHeader("Idempotency-Key", "accept-" + submitted.Id);
                s.IgnoreStatusCode();
            });
            return (result.Context.Response.StatusCode, await result.ReadAsTextAsync());
        }

        var first = await Accept();
        var events = await EventCount();
        var second = await Accept();

        second.ShouldBe(first);
        first.Status.ShouldBe(200);
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_repeated_submission_with_the_same_key_creates_one_dossier()
    {
        async Task<string> Submit() => await (await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest(Procedure)).ToUrl("/api/dossiers");
            s.WithBearerToken(Desk);
            s.WithRequestHeader("Idempotency-Key", "submit-once");
            s.StatusCodeShouldBe(201);
        })).ReadAsTextAsync();

        var answers = await Task.WhenAll(Submit(), Submit(), Submit());

        answers.Distinct().Count().ShouldBe(1);
        await using var session = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<Dossier>())).ShouldBe(1);
    }

    [Fact]
    public async Task a_key_reused_for_another_request_answers_422()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk, configure: s => s.WithRequestHeader("Idempotency-Key", "k-1"));
        await Host.Command($"/api/dossiers/{submitted.Id}/withdrawal", Desk, new { reason = "x" }, 422, s => s.WithRequestHeader("Idempotency-Key", "k-1"));
    }
}
