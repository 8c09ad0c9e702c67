using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

/// <summary>
/// The control office returns a draft with comments, the integrator revises it, the office approves it; and two
/// versions compared. Published versions are cached by every host of the test run, so each test has its own version
/// of 1.004194-tam-tru in 100–119.
/// </summary>
public class when_reviewing_workflows(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Definition = "1.004194-tam-tru";

    private static JsonObject TemporaryResidence(int version)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "1.004194-tam-tru.v1.json")))!.AsObject();
        json["version"] = version;
        return json;
    }

    private static JsonObject Step(JsonObject definition, string id) =>
        definition["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == id)!.AsObject();

    private Task<IScenarioResult> Send(HttpMethod method, string url, string body, string role, int status, string? user = null, string? note = null) => Host.Scenario(s =>
    {
        // Alba takes the query apart from the URL of a request with a body.
        var send = (method == HttpMethod.Put ? s.Put : s.Post).Text(body).ToUrl(url);
        if (note is not null) send.QueryString("note", note);
        s.WithRequestHeader("Content-Type", "application/json");
        s.WithBearerToken(Token(role, user: user));
        s.StatusCodeShouldBe(status);
    });

    private Task<IScenarioResult> Post(string url, string body, string role, int status, string? user = null) => Send(HttpMethod.Post, url, body, role, status, user);

    private Task<IScenarioResult> Submit(int version, string? user = null) =>
        Post("/api/workflows", TemporaryResidence(version).ToJsonString(), Roles.Integrator, 201, user);

    private Task<IScenarioResult> RequestChanges(int version, string comments = "Bổ sung bước ký duyệt", int status = 200, string role = Roles.Controller, string? user = null) =>
        Post($"/api/workflows/{Definition}/{version}/request-changes", new JsonObject { ["comments"] = comments }.ToJsonString(), role, status, user);

    private Task<IScenarioResult> Resubmit(int version, JsonObject body, int status, string? note = null, string? user = null) =>
        Send(HttpMethod.Put, $"/api/workflows/{Definition}/{version}", body.ToJsonString(), Roles.Integrator, status, user, note);

    private Task<IScenarioResult> Approve(int version, int status, string body = "{}", string? user = null) =>
        Post($"/api/workflows/{Definition}/{version}/approve", body, Roles.Controller, status, user);

    private async Task<JsonNode> Read(string url, string role = Roles.Auditor, int status = 200)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(Token(role)); s.StatusCodeShouldBe(status); });
        return JsonNode.Parse(await result.ReadAsTextAsync())!;
    }

    private static async Task<JsonObject> ErrorsOf(IScenarioResult result) =>
        JsonNode.Parse(await result.ReadAsTextAsync())!["errors"]!.AsObject();

    private async Task<IEnumerable<int>> Listed(string status) =>
        (await Read($"/api/workflows?status={status}"))["items"]!.AsArray()
            .Where(w => w!["definitionId"]!.GetValue<string>() == Definition).Select(w => w!["version"]!.GetValue<int>());

    [Fact]
    public async Task a_returned_draft_waits_for_changes_and_cannot_be_approved()
    {
        await Submit(100);

        var returned = await (await RequestChanges(100)).ReadAsJsonAsync<WorkflowSummary>();

        returned!.Status.ShouldBe(WorkflowStatus.ChangesRequested);
        (await Listed("changes-requested")).ShouldContain(100);
        (await Listed("changesRequested")).ShouldContain(100);
        (await Listed("draft")).ShouldNotContain(100);
        (await Read($"/api/workflows/{Definition}/100"))["workflow"]!["status"]!.GetValue<string>().ShouldBe("changesRequested");
        await Approve(100, 409);
        await RequestChanges(100, status: 409);
    }

    [Fact]
    public async Task a_revised_draft_is_reviewed_again_and_then_published()
    {
        await Submit(101);
        await RequestChanges(101);
        var fixedOne = TemporaryResidence(101);
        Step(fixedOne, "approve")["title"] = "Trưởng Công an cấp xã ký duyệt";

        var revised = await (await Resubmit(101, fixedOne, 200)).ReadAsJsonAsync<WorkflowSummary>();

        revised!.Status.ShouldBe(WorkflowStatus.Draft);
        (await Listed("draft")).ShouldContain(101);
        await Approve(101, 200);
        (await Listed("published")).ShouldContain(101);
        var detail = await Read($"/api/workflows/{Definition}/101");
        Step(detail["definition"]!.AsObject(), "approve")["title"]!.GetValue<string>().ShouldBe("Trưởng Công an cấp xã ký duyệt");
    }

    [Fact]
    public async Task only_a_returned_draft_can_be_revised_and_a_published_one_stays_as_it_is()
    {
        await Submit(102);
        await Resubmit(102, TemporaryResidence(102), 409);   // awaiting review, not returned
        await Approve(102, 200);

        await Resubmit(102, TemporaryResidence(102), 409);
        await RequestChanges(102, status: 409);
        await Resubmit(1, TemporaryResidence(1), 409);         // a shipped file
        await RequestChanges(1, status: 409);
        await Resubmit(119, TemporaryResidence(119), 404);
        (await Read($"/api/workflows/{Definition}/102/review"))["status"]!.GetValue<string>().ShouldBe("published");
    }

    [Fact]
    public async Task only_the_control_office_returns_a_draft_and_only_integrators_revise_it()
    {
        await Submit(103);

        await RequestChanges(103, role: Roles.Integrator, status: 403);
        await RequestChanges(103, role: Roles.Auditor, status: 403);
        await RequestChanges(103);
        await Send(HttpMethod.Put, $"/api/workflows/{Definition}/103", TemporaryResidence(103).ToJsonString(), Roles.Controller, 403);
    }

    [Fact]
    public async Task comments_are_required_and_bounded()
    {
        await Submit(104);
        var count = await EventCount();

        (await ErrorsOf(await Post($"/api/workflows/{Definition}/104/request-changes", "{}", Roles.Controller, 400))).ShouldContainKey("comments");
        (await ErrorsOf(await RequestChanges(104, comments: "  ", status: 400))).ShouldContainKey("comments");
        (await ErrorsOf(await RequestChanges(104, comments: new string('x', 4001), status: 400))).ShouldContainKey("comments");
        (await ErrorsOf(await Post($"/api/workflows/{Definition}/104/request-changes", """{"comments": 5}""", Roles.Controller, 400))).ShouldContainKey("comments");
        (await EventCount()).ShouldBe(count);
        await RequestChanges(104, comments: new string('x', 4000));
    }

    [Fact]
    public async Task a_revision_must_be_of_the_version_in_the_route_and_valid()
    {
        await Submit(105);
        await RequestChanges(105);
        var count = await EventCount();

        (await ErrorsOf(await Resubmit(105, TemporaryResidence(106), 400))).ShouldContainKey("version");
        var otherDefinition = TemporaryResidence(105);
        otherDefinition["definitionId"] = "1.004194-tam-tru-khac";
        (await ErrorsOf(await Resubmit(105, otherDefinition, 400))).ShouldContainKey("definitionId");
        var otherProcedure = TemporaryResidence(105);
        otherProcedure["customProperties"]!["procedure"]!["code"] = "1.004222";
        (await ErrorsOf(await Resubmit(105, otherProcedure, 400))).ShouldContainKey("customProperties.procedure.code");
        var broken = TemporaryResidence(105);
        Step(broken, "appraise")["agency"] = "000.99.99.H48";
        var report = await (await Resubmit(105, broken, 400)).ReadAsJsonAsync<ValidationReport>();
        report!.Problems.ShouldContain(p => p.Message.Contains("000.99.99.H48"));
        (await ErrorsOf(await Resubmit(105, TemporaryResidence(105), 400, note: new string('x', 1001)))).ShouldContainKey("note");

        (await EventCount()).ShouldBe(count);
    }

    [Fact]
    public async Task the_review_history_says_who_did_what_and_why()
    {
        await Submit(107, user: "integrator.hoa");
        await RequestChanges(107, comments: "Thiếu bước ký duyệt của lãnh đạo", user: "controller.minh");
        await Resubmit(107, TemporaryResidence(107), 200, note: "Đã bổ sung", user: "integrator.hoa");
        await Approve(107, 200, """{"note":"Đạt yêu cầu"}""", user: "controller.minh");

        var review = await Read($"/api/workflows/{Definition}/107/review", Roles.Desk);

        review["status"]!.GetValue<string>().ShouldBe("published");
        var steps = review["steps"]!.AsArray();
        steps.Select(s => s!["kind"]!.GetValue<string>()).ShouldBe(["submitted", "changes-requested", "revised", "approved", "published"]);
        steps.Select(s => s!["by"]!["user"]!.GetValue<string>()).ShouldBe(["integrator.hoa", "controller.minh", "integrator.hoa", "controller.minh", "controller.minh"]);
        steps.Select(s => s!["by"]!["role"]!.GetValue<string>()).ShouldBe([Roles.Integrator, Roles.Controller, Roles.Integrator, Roles.Controller, Roles.Controller]);
        steps.Select(s => s!["note"]?.GetValue<string>()).ShouldBe([null, "Thiếu bước ký duyệt của lãnh đạo", "Đã bổ sung", "Đạt yêu cầu", null]);
        steps.ShouldAllBe(s => s!["at"]!.GetValue<DateTimeOffset>().Offset == TimeSpan.FromHours(7));

        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(WorkflowLibrary.IdOf(Definition, 107))).Select(e => e.Data.GetType().Name).ShouldBe([
            nameof(WorkflowDraftSubmitted), nameof(WorkflowChangesRequested), nameof(WorkflowDraftRevised), nameof(WorkflowApproved), nameof(WorkflowPublished)]);
        (await Read($"/api/workflows/{Definition}/1/review"))["steps"]!.AsArray().ShouldBeEmpty();
        await Read($"/api/workflows/{Definition}/118/review", status: 404);
    }

    [Fact]
    public async Task the_diff_from_the_shipped_file_lists_exactly_the_changed_budget_and_the_added_step()
    {
        // approve → sign → return instead of approve → return; approve shortened so the path keeps within 3 days.
        var next = TemporaryResidence(108);
        Step(next, "approve")["budget"] = JsonNode.Parse("""{"amount": 2, "unit": "WorkingHours"}""");
        next["root"]!["activities"]!.AsArray().Add(JsonNode.Parse("""
            {"id": "sign", "type": "Dossier.Task", "version": 1, "agency": "competent:police", "title": "Ký giấy xác nhận", "budget": {"amount": 2, "unit": "WorkingHours"}}
            """));
        var connections = next["root"]!["connections"]!.AsArray();
        connections.Single(c => c!["source"]!["activity"]!.GetValue<string>() == "approve" && c["source"]!["port"]!.GetValue<string>() == "Approved")!
            ["target"]!["activity"] = "sign";
        connections.Add(JsonNode.Parse("""{"source": {"activity": "sign", "port": "Done"}, "target": {"activity": "return", "port": "In"}}"""));
        await Post("/api/workflows", next.ToJsonString(), Roles.Integrator, 201);

        var diff = await Read($"/api/workflows/{Definition}/108/diff?against=1", Roles.Controller);

        (diff["definitionId"]!.GetValue<string>(), diff["from"]!.GetValue<int>(), diff["to"]!.GetValue<int>()).ShouldBe((Definition, 1, 108));
        diff["changes"]!.AsArray().Select(c => $"{c!["kind"]} {c["subject"]} {c["activityId"]}: {c["text"]}").ShouldBe([
            "added step sign: Step sign added: Dossier.Task «Ký giấy xác nhận» at competent:police.",
            "changed budget approve: Step approve: budget 0.5 WorkingDays → 2 WorkingHours.",
            "removed connection approve: Connection removed: from approve by port Approved to return.",
            "added connection approve: Connection added: from approve by port Approved to sign.",
            "added connection sign: Connection added: from sign by port Done to return.",
        ]);
        diff["summary"]!.AsArray().Select(s => s!.GetValue<string>()).First().ShouldBe("5 changes from v1 to v108.");

        var same = await Read($"/api/workflows/{Definition}/108/diff?against=108");
        same["changes"]!.AsArray().ShouldBeEmpty();
        same["summary"]!.AsArray().Single()!.GetValue<string>().ShouldBe("No differences between v108 and v108.");
    }

    [Fact]
    public async Task the_diff_names_a_bad_or_missing_version()
    {
        foreach (var query in new[] { "?against=abc", "?against=0", "?against=-1", "?against=1.5", "" })
        {
            var result = await Host.Scenario(s =>
            {
                s.Get.Url($"/api/workflows/{Definition}/1/diff{query}");
                s.WithBearerToken(Token(Roles.Integrator));
                s.StatusCodeShouldBe(400);
            });
            result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
            (await ErrorsOf(result)).ShouldContainKey("against");
        }

        (await Read($"/api/workflows/{Definition}/1/diff?against=117", status: 404))["detail"]!.GetValue<string>().ShouldContain("against");
        (await Read($"/api/workflows/{Definition}/117/diff?against=1", status: 404))["detail"]!.GetValue<string>().ShouldContain("version");
    }
}
