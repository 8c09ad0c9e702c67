using System.Net;
using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Evaluations;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Evaluations;
using Dossiers.Projections.Audit;
using Dossiers.Projections.Evaluations;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Dossiers.Tests.Evaluations;

/// <summary>
/// The citizen evaluates through the public lookup with the code printed on the receipt: anonymous, once, only after
/// the result, with answers checked field by field; nothing personal in or out.
/// </summary>
public class when_citizens_evaluate_the_service(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string KonTum = "057.01.90.H48", KonTumPolice = "057.02.90.H48";

    private static readonly object GoodAnswers = new
    {
        contactsToComplete = 1, agenciesContacted = 2, attitude = "adequate", satisfaction = "satisfied", comment = "Hướng dẫn rõ ràng nhưng phải chờ lâu.",
    };

    // The public routes' limit counts per address in a shared table: each call comes from an address of its own.
    private static string Address() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    private async Task<(int Status, string Body, string Headers)> Anonymously(string method, string path, object? body = null, string? address = null)
    {
        var result = await Host.Scenario(s =>
        {
            if (method == "GET") s.Get.Url(path);
            else if (body is string text) { s.Post.Text(text).ToUrl(path); s.WithRequestHeader("Content-Type", "application/json"); }
            else s.Post.Json(body!).ToUrl(path);
            var from = IPAddress.Parse(address ?? Address());
            s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = from);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await result.ReadAsTextAsync(),
            string.Join("\n", result.Context.Response.Headers.Select(h => $"{h.Key}: {h.Value}")));
    }

    private async Task<JsonObject> Receipt(Guid id, string token) =>
        JsonNode.Parse(await (await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{id}/receipt"); s.WithBearerToken(token); })).ReadAsTextAsync())!.AsObject();

    /// <summary>A residence dossier accepted at Kon Tum, its two police steps done: the result is ready (DVCQG 9).</summary>
    private async Task<(Guid Id, string Desk)> Resolved(Guid? accepted = null)
    {
        var desk = Token(Roles.Desk, KonTum, "desk.lan");
        var id = accepted ?? await Accepted(desk);
        await Host.Command($"/api/dossiers/{id}/tasks/appraise/complete", Token(Roles.Officer, KonTumPolice, "officer.binh"), new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{id}/tasks/approve/complete", Token(Roles.Officer, KonTumPolice, "truong.ca"), new { outcome = "Approved" });
        var view = await Host.Command($"/api/dossiers/{id}/tasks/return/complete", desk, new { outcome = "Done" });
        view!.Status.ShouldBe(DossierStatus.Resolved);
        return (id, desk);
    }

    private async Task<Guid> Accepted(string desk)
    {
        var id = (await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194", applicant: "Lê Thị Hoa"))).Id;
        await Host.Command($"/api/dossiers/{id}/accept", desk);
        return id;
    }

    private string CodeOf(Guid id) => Host.Services.GetRequiredService<EvaluationTokens>().PathFor(id);

    [Fact]
    public async Task the_receipt_carries_the_code_which_evaluates_once_after_the_result_and_records_whom_it_credits()
    {
        var desk = Token(Roles.Desk, KonTum, "desk.lan");
        var id = await Accepted(desk);
        var receipt = await Receipt(id, desk);
        var link = new Uri(receipt["evaluationLink"]!.GetValue<string>());
        link.AbsolutePath.ShouldStartWith("/api/lookup/evaluations/");
        link.AbsolutePath.ShouldNotContain(id.ToString());
        link.AbsolutePath.ShouldNotContain(id.ToString("N"));
        (await Receipt(id, desk))["evaluationLink"]!.GetValue<string>().ShouldBe(link.ToString());   // reprinted: the same code
        var html = await (await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{id}/receipt?format=html"); s.WithBearerToken(desk); })).ReadAsTextAsync();
        html.ShouldContain(link.AbsolutePath);
        // The officers whose work it scores do not get the citizen's code.
        (await Receipt(id, Token(Roles.Officer, KonTumPolice, "officer.binh")))["evaluationLink"].ShouldBeNull();
        var path = link.AbsolutePath;

        // Before the result: the page says so, and an evaluation is a 409 that says why; nothing is appended.
        var waiting = await Anonymously("GET", path);
        waiting.Status.ShouldBe(200);
        var page = JsonNode.Parse(waiting.Body)!;
        page["state"]!.GetValue<string>().ShouldBe("awaitingResult");
        page["canEvaluate"]!.GetValue<bool>().ShouldBeFalse();
        page["questions"]!.AsArray().Select(q => q!["field"]!.GetValue<string>())
            .ShouldBe(["contactsToComplete", "agenciesContacted", "attitude", "satisfaction", "comment"]);
        var events = await EventCount();
        var early = await Anonymously("POST", path, GoodAnswers);
        early.Status.ShouldBe(409, early.Body);
        JsonNode.Parse(early.Body)!["detail"]!.GetValue<string>().ShouldContain("no result yet");
        (await EventCount()).ShouldBe(events);

        await Resolved(id);
        long version;
        await using (var reader = Store.QuerySession()) version = (await reader.LoadAsync<Dossier>(id))!.Version;
        JsonNode.Parse((await Anonymously("GET", path)).Body)!["state"]!.GetValue<string>().ShouldBe("open");

        var evaluated = await Anonymously("POST", path, GoodAnswers);
        evaluated.Status.ShouldBe(201, evaluated.Body);
        JsonNode.Parse(evaluated.Body)!["state"]!.GetValue<string>().ShouldBe("evaluated");
        evaluated.Headers.ShouldContain("Cache-Control: no-store");

        // A second attempt: 409, nothing appended; the page now says it was evaluated, without the answers.
        events = await EventCount();
        var again = await Anonymously("POST", path, new { contactsToComplete = 0, agenciesContacted = 1, attitude = "courteous", satisfaction = "verySatisfied" });
        again.Status.ShouldBe(409, again.Body);
        JsonNode.Parse(again.Body)!["detail"]!.GetValue<string>().ShouldContain("already evaluated");
        (await EventCount()).ShouldBe(events);
        var after = await Anonymously("GET", path);
        JsonNode.Parse(after.Body)!["state"]!.GetValue<string>().ShouldBe("evaluated");
        foreach (var text in new[] { evaluated.Body, after.Body, again.Body, waiting.Body })
            foreach (var hidden in new[] { "Lê Thị Hoa", "051090000123", "0912345678", "an@example.vn", "desk.lan", id.ToString(), KonTum, "chờ lâu" })
                text.ShouldNotContain(hidden);

        // Recorded on the dossier's evaluation stream, as the decider scored and credited it; the dossier itself untouched.
        await using var session = Store.QuerySession();
        var recorded = (await session.LoadAsync<ServiceEvaluation>(EvaluationDecider.StreamIdFor(id)))!;
        recorded.DossierId.ShouldBe(id);
        recorded.ReceivingCentre.ShouldBe(KonTum);
        recorded.HandlingAgencies.ShouldBe([KonTumPolice]);   // the desk's own "return" step is the centre's, credited once
        (recorded.ContactsScore, recorded.AgenciesScore, recorded.AttitudeScore, recorded.SatisfactionScore).ShouldBe((1, 1, 1, 1));
        recorded.Comment.ShouldBe("Hướng dẫn rõ ràng nhưng phải chờ lâu.");
        (await session.LoadAsync<Dossier>(id))!.Version.ShouldBe(version);
        var stored = (await session.Events.FetchStreamAsync(EvaluationDecider.StreamIdFor(id))).ShouldHaveSingleItem();
        stored.Data.ShouldBeOfType<ServiceEvaluated>();
        (stored.GetHeader("user")?.ToString(), stored.GetHeader("role")?.ToString()).ShouldBe(("citizen", "public"));
        (await Host.Services.GetRequiredService<ChainVerifier>().Verify(EvaluationDecider.StreamIdFor(id)))!.Intact.ShouldBeTrue();
        string.Join("\n", Fixture.Logs.Lines).ShouldNotContain(path.Split('/')[^1]);
        string.Join("\n", Fixture.Logs.Lines).ShouldNotContain("chờ lâu");
    }

    [Fact]
    public async Task a_returned_dossier_is_evaluated_too_and_a_stopped_one_never()
    {
        var (id, desk) = await Resolved();
        await Host.Command($"/api/dossiers/{id}/return", desk, new { note = "Trả tại quầy" });
        (await Anonymously("POST", CodeOf(id), GoodAnswers)).Status.ShouldBe(201);

        var stopped = await Accepted(desk);
        await Host.Command($"/api/dossiers/{stopped}/stop", desk, new { reason = "Công dân không bổ sung" });
        var page = JsonNode.Parse((await Anonymously("GET", CodeOf(stopped))).Body)!;
        page["state"]!.GetValue<string>().ShouldBe("noResult");
        var refused = await Anonymously("POST", CodeOf(stopped), GoodAnswers);
        refused.Status.ShouldBe(409);
        JsonNode.Parse(refused.Body)!["detail"]!.GetValue<string>().ShouldContain("ended without a result");
    }

    [Fact]
    public async Task two_evaluations_sent_at_once_record_one_and_answer_the_other_409()
    {
        var (id, _) = await Resolved();
        var path = CodeOf(id);
        var events = await EventCount();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Anonymously("POST", path, GoodAnswers)));

        answers.Select(a => a.Status).Order().ToArray().ShouldBe([201, 409, 409, 409], string.Join("\n", answers.Select(a => a.Body)));
        (await EventCount()).ShouldBe(events + 1);
    }

    [Fact]
    public async Task a_forged_code_and_a_code_of_no_dossier_get_the_same_404_and_a_malformed_one_a_400()
    {
        var (id, _) = await Resolved();
        var genuine = CodeOf(id);
        var forged = genuine[..^3] + (genuine[^3] == 'A' ? "B" : "A") + genuine[^2..];
        var nobody = CodeOf(Guid.NewGuid());
        var events = await EventCount();
        foreach (var method in new[] { "GET", "POST" })
        {
            var (f, n) = (await Anonymously(method, forged, GoodAnswers), await Anonymously(method, nobody, GoodAnswers));
            (f.Status, n.Status).ShouldBe((404, 404));
            JsonNode.Parse(f.Body)!["detail"]!.GetValue<string>().ShouldBe(JsonNode.Parse(n.Body)!["detail"]!.GetValue<string>());
            var malformed = await Anonymously(method, "/api/lookup/evaluations/short", GoodAnswers);
            malformed.Status.ShouldBe(400);
            JsonNode.Parse(malformed.Body)!["errors"]!["token"].ShouldNotBeNull();
            // The result link of the same dossier is not an evaluation code.
            var resultLink = Host.Services.GetRequiredService<Dossiers.Api.Files.ResultLinks>().TokenFor(id);
            (await Anonymously(method, $"/api/lookup/evaluations/{resultLink}", GoodAnswers)).Status.ShouldBe(400);
        }
        (await EventCount()).ShouldBe(events);
        (await Anonymously("POST", genuine, GoodAnswers)).Status.ShouldBe(201);
    }

    [Fact]
    public async Task bad_answers_are_a_400_naming_each_field_and_append_nothing()
    {
        var (id, _) = await Resolved();
        var path = CodeOf(id);
        var events = await EventCount();
        var logged = Fixture.Logs.Lines.Count;

        foreach (var (body, fields) in new (object Body, string[] Fields)[]
                 {
                     (new { }, ["contactsToComplete", "agenciesContacted", "attitude", "satisfaction"]),
                     (new { contactsToComplete = -1, agenciesContacted = 51, attitude = "courteous", satisfaction = "satisfied" }, ["contactsToComplete", "agenciesContacted"]),
                     (new { contactsToComplete = "two", agenciesContacted = 1.5, attitude = "rude", satisfaction = "happy" },
                         ["contactsToComplete", "agenciesContacted", "attitude", "satisfaction"]),
                     (new { contactsToComplete = 0, agenciesContacted = 1, attitude = "courteous", satisfaction = "satisfied", comment = new string('x', 1001) }, ["comment"]),
                     (new { contactsToComplete = 0, agenciesContacted = 1, attitude = "courteous", satisfaction = "satisfied", comment = "Tốt\u0000" }, ["comment"]),
                     (new { contactsToComplete = 0, agenciesContacted = 1, attitude = "courteous", satisfaction = "satisfied", comment = 5 }, ["comment"]),
                     ("[1, 2]", ["body"]),
                     ("{\"contactsToComplete\": ", ["body"]),
                 })
        {
            var answer = await Anonymously("POST", path, body);
            answer.Status.ShouldBe(400, answer.Body);
            answer.Headers.ShouldContain("Content-Type: application/problem+json");
            JsonNode.Parse(answer.Body)!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(fields, ignoreOrder: true, answer.Body);
            answer.Body.ShouldNotContain("System.");
            answer.Body.ShouldNotContain("Dossiers.");
            answer.Body.ShouldNotContain("   at ");
        }
        var one = JsonNode.Parse((await Anonymously("POST", path, new { contactsToComplete = 0, agenciesContacted = 1, attitude = "courteous", satisfaction = "glad" })).Body)!;
        one["errors"]!["satisfaction"]![0]!.GetValue<string>().ShouldBe("must be one of: verySatisfied, satisfied, notSatisfied.");
        (await EventCount()).ShouldBe(events);
        Fixture.Logs.Lines.Skip(logged).Where(l => l.StartsWith("Error") || l.StartsWith("Critical")).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_evaluation_counts_against_the_same_limit_as_the_lookup_and_the_result_link()
    {
        var (id, _) = await Resolved();
        var client = Address();
        await MinuteWindows.ClearOfABoundary(Host.Services.GetRequiredService<TimeProvider>());
        var statuses = new List<int>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await Anonymously("GET", "/api/lookup/057.01.90.H48-260302-9998", address: client)).Status);
            statuses.Add((await Anonymously("GET", CodeOf(id), address: client)).Status);
            statuses.Add((await Anonymously("GET", "/api/lookup/results/" + new string('A', 64), address: client)).Status);
        }
        // 20 a minute in the test host, counted across the three routes.
        statuses.Take(20).ShouldAllBe(s => s != 429);
        statuses.Skip(20).ShouldBe([429]);
        var refused = await Anonymously("POST", CodeOf(id), GoodAnswers, client);
        refused.Status.ShouldBe(429);
        refused.Headers.ShouldContain("Retry-After");
        (await Anonymously("GET", "/api/lookup/057.01.90.H48-260302-9998", address: client)).Status.ShouldBe(429);
        // Another address is not held back, and the refused evaluation was not recorded.
        (await Anonymously("POST", CodeOf(id), GoodAnswers)).Status.ShouldBe(201);
    }
}
