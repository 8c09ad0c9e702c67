using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

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

        var answers = await Task.WhenAll(dossiers.Select(d => Host.Scenario(s => { s.Post.Url($"/api/dossiers/{d.Id}/accept"); s.WithBearerToken(Desk); s.IgnoreStatusCode(); })));
        foreach (var a in answers) if (a.Context.Response.StatusCode != 200) throw new Exception(await a.ReadAsTextAsync() + string.Join("\n", Fixture.Logs.Lines.Where(l => l.Contains("xception")).TakeLast(3)));
        var accepted = await Task.WhenAll(answers.Select(a => a.ReadAsJsonAsync<DossierView>()));

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
        answers.Where(a => a.Context.Response.StatusCode != 200).ShouldAllBe(a => a.Context.Response.StatusCode == 409);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(dossier.Id)).Count(e => e.Data is TaskCompleted c && c.TaskId == task.TaskId).ShouldBe(1);
    }

    [Fact]
    public async Task lost_races_are_answered_but_never_logged_as_failures()
    {
        var submitted = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure))));
        var logged = Fixture.Logs.Lines.Count;

        var accepted = await Task.WhenAll(submitted.Select(d => Host.Command($"/api/dossiers/{d.Id}/accept", Desk)));
        var task = accepted[0]!.Tasks[0];
        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Host.Scenario(s =>
        {
            s.Post.Json(new { outcome = "Approved" }).ToUrl($"/api/dossiers/{accepted[0]!.Id}/tasks/{task.TaskId}/complete");
            s.WithBearerToken(Token(Roles.Officer, agency: task.Agency, user: $"officer-{i}"));
            s.IgnoreStatusCode();
        })));

        answers.Select(a => a.Context.Response.StatusCode).Order().Distinct().ShouldBe([200, 409]);
        Fixture.Logs.Lines.Skip(logged).Where(l => l.StartsWith("Error") || l.StartsWith("Critical")).ShouldBeEmpty();
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

    [Fact]
    public async Task two_hundred_completes_of_one_task_give_one_success_and_conflicts_naming_what_is_left()
    {
        const int officers = 200;
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var dossier = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;
        var task = dossier.Tasks[0];
        var token = Token(Roles.Officer, agency: task.Agency, user: "officer-racing");

        var answers = await Task.WhenAll(Enumerable.Range(0, officers).Select(_ => Host.Scenario(s =>
        {
            s.Post.Json(new { outcome = "Approved" }).ToUrl($"/api/dossiers/{dossier.Id}/tasks/{task.TaskId}/complete");
            s.WithBearerToken(token);
            s.IgnoreStatusCode();
        })));

        var statuses = answers.Select(a => a.Context.Response.StatusCode).ToList();
        statuses.Count(s => s == 200).ShouldBe(1, string.Join(",", statuses.Distinct()));
        statuses.Count(s => s == 409).ShouldBe(officers - 1);
        var conflict = await answers.First(a => a.Context.Response.StatusCode == 409).ReadAsJsonAsync<System.Text.Json.JsonElement>();
        conflict.GetProperty("allowedActions").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Array);
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(dossier.Id)).Count(e => e.Data is TaskCompleted c && c.TaskId == task.TaskId).ShouldBe(1);
    }

    [Fact]
    public async Task the_same_key_with_another_body_answers_422_and_appends_nothing()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        await Host.Command($"/api/dossiers/{submitted.Id}/withdrawal", Desk, new { reason = "Công dân xin rút" },
            configure: s => s.WithRequestHeader("Idempotency-Key", "w-1"));
        var events = await EventCount();

        await Host.Command($"/api/dossiers/{submitted.Id}/withdrawal", Desk, new { reason = "Lý do khác" }, 422,
            s => s.WithRequestHeader("Idempotency-Key", "w-1"));

        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task a_replay_is_the_first_answer_with_its_status_etag_and_location()
    {
        async Task<IScenarioResult> Submit() => await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest(Procedure)).ToUrl("/api/dossiers");
            s.WithBearerToken(Desk);
            s.WithRequestHeader("Idempotency-Key", "submit-with-headers");
            s.StatusCodeShouldBe(201);
        });

        var first = await Submit();
        var replay = await Submit();

        replay.Context.Response.Headers.ETag.ToString().ShouldBe(first.Context.Response.Headers.ETag.ToString());
        replay.Context.Response.Headers.ETag.ToString().ShouldBe("\"1\"");
        replay.Context.Response.Headers.Location.ToString().ShouldBe(first.Context.Response.Headers.Location.ToString());
        replay.Context.Response.Headers.Location.ToString().ShouldStartWith("/api/dossiers/");
        (await replay.ReadAsTextAsync()).ShouldBe(await first.ReadAsTextAsync());
    }

    [Fact]
    public async Task the_same_key_from_another_user_is_another_request()
    {
        var first = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var colleague = Token(Roles.Desk, agency: DeskAgency, user: "desk.hoa");

        var result = await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest(Procedure)).ToUrl("/api/dossiers");
            s.WithBearerToken(colleague);
            s.WithRequestHeader("Idempotency-Key", "shared-key");
            s.StatusCodeShouldBe(201);
        });
        await Host.Scenario(s =>
        {
            s.Post.Json(Scenarios.SubmitRequest(Procedure)).ToUrl("/api/dossiers");
            s.WithBearerToken(Desk);
            s.WithRequestHeader("Idempotency-Key", "shared-key");
            s.StatusCodeShouldBe(201);
        });

        await using var session = Store.QuerySession();
        (await Marten.QueryableExtensions.CountAsync(session.Query<Dossier>())).ShouldBe(3);
        first.ShouldNotBeNull();
        result.ShouldNotBeNull();
    }

    [Fact]
    public async Task an_expired_key_is_a_new_request_and_expired_records_are_purged()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk, configure: s => s.WithRequestHeader("Idempotency-Key", "old-key"));
        var records = Host.Services.GetRequiredService<IdempotencyRecords>();
        await Age("desk.lan", "old-key", records.KeepFor + TimeSpan.FromMinutes(1));

        // Expired: the same key now names a new request (a withdrawal), which runs.
        await Host.Command($"/api/dossiers/{submitted.Id}/withdrawal", Desk, new { reason = "Rút" },
            configure: s => s.WithRequestHeader("Idempotency-Key", "old-key"));
        await Age("desk.lan", "old-key", records.KeepFor + TimeSpan.FromMinutes(1));

        (await records.Purge(CancellationToken.None)).ShouldBe(1);
        (await records.Purge(CancellationToken.None)).ShouldBe(0);
    }

    /// <summary>Moves a stored answer back in time, as if it had been given that long ago.</summary>
    private async Task Age(string user, string key, TimeSpan by)
    {
        await using var session = Store.LightweightSession();
        var record = (await session.LoadAsync<IdempotencyRecord>(IdempotencyRecord.IdFor(user, key)))!;
        session.Store(record with { At = record.At - by });
        await session.SaveChangesAsync();
    }
}
