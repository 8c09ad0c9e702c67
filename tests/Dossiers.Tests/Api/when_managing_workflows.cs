using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Workflows;
using Dossiers.Projections.Workflows;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

public class when_managing_workflows(AppFixture fixture) : IntegrationContext(fixture)
{
    private static JsonObject ShippedTemporaryResidence(int version)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "1.004194-tam-tru.v1.json")))!.AsObject();
        json["version"] = version;
        return json;
    }

    private Task<IScenarioResult> Send(string url, string body, string role, int status) => Host.Scenario(s =>
    {
        s.Post.Text(body).ToUrl(url);
        s.WithRequestHeader("Content-Type", "application/json");
        s.WithBearerToken(Token(role));
        s.StatusCodeShouldBe(status);
    });

    private async Task<T> Read<T>(string url, string role = Roles.Integrator)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(Token(role)); });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    [Fact]
    public async Task the_catalogue_lists_the_shipped_procedures()
    {
        var list = await Read<WorkflowList>("/api/workflows", Roles.Desk);

        list.Items.Count.ShouldBeGreaterThanOrEqualTo(10);
        list.Items.ShouldContain(w => w.ProcedureCode == "1.004222" && w.Version == 1 && w.Name.Length > 0 && w.Source == "file");
    }

    [Fact]
    public async Task a_definition_reads_back_with_its_procedure_facts()
    {
        var detail = await Read<WorkflowDetail>("/api/workflows/1.004194-tam-tru/1", Roles.Officer);

        detail.Workflow.ProcedureCode.ShouldBe("1.004194");
        detail.Procedure.LegalTime.Amount.ShouldBe(3);
        detail.Definition["root"]!["activities"]!.AsArray().Count.ShouldBeGreaterThan(2);
    }

    [Fact]
    public async Task the_diagram_is_a_mermaid_flowchart_with_agencies_and_budgets()
    {
        var diagram = await Read<WorkflowDiagram>("/api/workflows/1.004194-tam-tru/1/diagram", Roles.Auditor);

        diagram.Mermaid.ShouldStartWith("flowchart TD");
        diagram.Mermaid.ShouldContain("ngày làm việc");
        diagram.Mermaid.ShouldContain("-->|");
    }

    [Fact]
    public async Task an_unknown_definition_answers_404() =>
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/workflows/nothing-here/1");
            s.WithBearerToken(Token(Roles.Integrator));
            s.StatusCodeShouldBe(404);
        });

    [Fact]
    public async Task validation_names_the_activity_and_the_fix()
    {
        var broken = ShippedTemporaryResidence(2);
        broken["root"]!["activities"]!.AsArray()[1]!["agency"] = "000.99.99.H48";

        // Refused as the submission would be (issue 15): 400, a problem document with the messages under errors.
        var answer = await Send("/api/workflows/validate", broken.ToJsonString(), Roles.Integrator, 400);
        var report = await answer.ReadAsJsonAsync<ValidationReport>();
        answer.ReadAsText().ShouldContain("\"errors\":{\"activities.");

        report!.Valid.ShouldBeFalse();
        var problem = report.Problems.ShouldHaveSingleItem();
        problem.ActivityId.ShouldNotBeNull();
        problem.Message.ShouldContain("000.99.99.H48");
        problem.Fix.ShouldContain("agencies.json");
    }

    [Fact]
    public async Task a_draft_is_submitted_approved_and_then_published_with_who_and_when()
    {
        var before = await Read<WorkflowList>("/api/workflows");

        await Send("/api/workflows", ShippedTemporaryResidence(2).ToJsonString(), Roles.Integrator, 201);
        (await Read<WorkflowList>("/api/workflows?status=draft")).Items.ShouldContain(w => w.DefinitionId == "1.004194-tam-tru" && w.Version == 2);
        (await Read<WorkflowList>("/api/workflows")).Items.Count.ShouldBe(before.Items.Count);

        await Send("/api/workflows/1.004194-tam-tru/2/approve", """{"note":"Đã rà soát"}""", Roles.Controller, 200);

        var published = await Read<WorkflowList>("/api/workflows");
        published.Items.ShouldContain(w => w.DefinitionId == "1.004194-tam-tru" && w.Version == 2 && w.Source == "api");
        await using var session = Store.QuerySession();
        var record = await session.LoadAsync<WorkflowRecord>(WorkflowLibrary.IdOf("1.004194-tam-tru", 2));
        record!.Status.ShouldBe(WorkflowStatus.Published);
        record.SubmittedBy.Role.ShouldBe(Roles.Integrator);
        record.ApprovedBy!.Role.ShouldBe(Roles.Controller);
        (await session.Events.FetchStreamAsync(record.Id)).Select(e => e.Data.GetType().Name)
            .ShouldBe([nameof(WorkflowDraftSubmitted), nameof(WorkflowApproved), nameof(WorkflowPublished)]);
    }

    [Fact]
    public async Task two_approvals_at_once_publish_once_and_the_other_is_a_conflict()
    {
        await Send("/api/workflows", ShippedTemporaryResidence(30).ToJsonString(), Roles.Integrator, 201);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Host.Scenario(s =>
        {
            s.Post.Text("{}").ToUrl("/api/workflows/1.004194-tam-tru/30/approve");
            s.WithRequestHeader("Content-Type", "application/json");
            s.WithBearerToken(Token(Roles.Controller));
            s.IgnoreStatusCode();
        })));

        var statuses = answers.Select(a => a.Context.Response.StatusCode).ToList();
        statuses.Count(s => s == 200).ShouldBe(1, string.Join(",", statuses));
        statuses.Count(s => s == 409).ShouldBe(7, string.Join(",", statuses) + string.Join("\n", answers.Select(a => a.ReadAsText())));
        await using var session = Store.QuerySession();
        (await session.Events.FetchStreamAsync(WorkflowLibrary.IdOf("1.004194-tam-tru", 30))).Count(e => e.Data is WorkflowPublished).ShouldBe(1);
    }

    [Fact]
    public async Task a_published_version_is_immutable()
    {
        await Send("/api/workflows", ShippedTemporaryResidence(1).ToJsonString(), Roles.Integrator, 409);
        await Send("/api/workflows", ShippedTemporaryResidence(3).ToJsonString(), Roles.Integrator, 201);
        await Send("/api/workflows", ShippedTemporaryResidence(3).ToJsonString(), Roles.Integrator, 409);
        await Send("/api/workflows/1.004194-tam-tru/3/approve", "{}", Roles.Controller, 200);
        await Send("/api/workflows/1.004194-tam-tru/3/approve", "{}", Roles.Controller, 409);
    }

    [Fact]
    public async Task an_invalid_draft_is_refused_with_its_problems_and_nothing_is_recorded()
    {
        var broken = ShippedTemporaryResidence(4);
        broken["root"]!["activities"]!.AsArray()[0]!["type"] = "Elsa.WriteLine";
        var count = await EventCount();

        var result = await Send("/api/workflows", broken.ToJsonString(), Roles.Integrator, 400);

        (await result.ReadAsTextAsync()).ShouldContain("Elsa.WriteLine");
        (await EventCount()).ShouldBe(count);
    }

    [Fact]
    public async Task only_integrators_submit_and_only_controllers_approve()
    {
        await Send("/api/workflows", ShippedTemporaryResidence(5).ToJsonString(), Roles.Desk, 403);
        await Send("/api/workflows", ShippedTemporaryResidence(5).ToJsonString(), Roles.Integrator, 201);
        await Send("/api/workflows/1.004194-tam-tru/5/approve", "{}", Roles.Integrator, 403);
        await Send("/api/workflows/1.004194-tam-tru/99/approve", "{}", Roles.Controller, 404);
    }
}
