using System.Text.Json.Nodes;
using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

public class when_comparing_workflow_versions
{
    private static WorkflowDefinition Load(JsonObject json, int version)
    {
        json["version"] = version;
        var result = WorkflowLoader.Parse(json.ToJsonString(), $"test.v{version}.json");
        return result.Definition ?? throw new InvalidOperationException(string.Join("\n", result.Problems));
    }

    /// <summary>The reference definition as v1, and as v2 after <paramref name="change"/>.</summary>
    private static WorkflowComparison Compare(Action<JsonObject> change)
    {
        var next = TestDefinitions.Valid();
        change(next);
        return WorkflowDiff.Compare(Load(TestDefinitions.Valid(), 1), Load(next, 2));
    }

    private static JsonObject Procedure(JsonObject definition) => definition["customProperties"]!["procedure"]!.AsObject();

    /// <summary>police → review → join instead of police → join.</summary>
    private static void AddReviewStep(JsonObject definition)
    {
        definition.Activities().Add(JsonNode.Parse("""
            { "id": "review", "type": "Dossier.Task", "agency": "competent:police", "title": "Lãnh đạo xem xét", "budget": { "amount": 2, "unit": "WorkingHours" } }
            """));
        definition.RemoveConnection("police", "Done");
        definition.Connect("police", "Done", "review");
        definition.Connect("review", "Done", "join");
    }

    [Fact]
    public void identical_versions_have_no_changes_and_say_so()
    {
        var comparison = Compare(_ => { });

        comparison.Changes.ShouldBeEmpty();
        comparison.Summary.ShouldBe(["No differences between v1 and v2."]);
        (comparison.DefinitionId, comparison.From, comparison.To).ShouldBe(("9.999999-test", 1, 2));
    }

    [Fact]
    public void a_changed_budget_names_the_step_and_both_values()
    {
        var change = Compare(d => d.Activity("police")["budget"] = JsonNode.Parse("""{ "amount": 1.5, "unit": "WorkingDays" }""")).Changes.ShouldHaveSingleItem();

        change.ShouldBe(new WorkflowChange("changed", "budget", "police", "2 WorkingDays", "1.5 WorkingDays",
            "Step police: budget 2 WorkingDays → 1.5 WorkingDays."));
    }

    [Fact]
    public void an_added_step_comes_with_its_type_label_and_connections()
    {
        var comparison = Compare(AddReviewStep);

        comparison.Changes.Select(c => (c.Kind, c.Subject, c.ActivityId)).ShouldBe([
            ("added", "step", "review"), ("removed", "connection", "police"), ("added", "connection", "police"), ("added", "connection", "review")]);
        comparison.Changes[0].Text.ShouldBe("Step review added: Dossier.Task «Lãnh đạo xem xét» at competent:police.");
        comparison.Changes[1].Text.ShouldBe("Connection removed: from police by port Done to join.");
        comparison.Changes[3].After.ShouldBe("from review by port Done to join");
        comparison.Summary.ShouldBe(["4 changes from v1 to v2.", "Steps: 1 added (review).", "Connections: 1 removed, 2 added (police, review)."]);
    }

    [Fact]
    public void comparing_the_other_way_removes_the_step()
    {
        var next = TestDefinitions.Valid();
        AddReviewStep(next);

        var comparison = WorkflowDiff.Compare(Load(next, 2), Load(TestDefinitions.Valid(), 1));

        comparison.Changes.ShouldContain(c => c.Kind == "removed" && c.Subject == "step" && c.ActivityId == "review" && c.Before!.Contains("Dossier.Task"));
        comparison.Changes.Count(c => c.Subject == "connection").ShouldBe(3);
        (comparison.From, comparison.To).ShouldBe((2, 1));
    }

    [Fact]
    public void a_task_reports_agency_role_title_and_outcomes()
    {
        var changes = Compare(d =>
        {
            var check = d.Activity("check");
            check["agency"] = "competent:people-committee";
            check["role"] = "leader";
            check["title"] = "Kiểm tra hồ sơ";
            check["outcomes"] = new JsonArray("Ok", "Refuse", "Later");
        }).Changes;

        changes.Select(c => c.Subject).ShouldBe(["agency", "role", "title", "outcomes"]);
        changes.ShouldAllBe(c => c.Kind == "changed" && c.ActivityId == "check");
        changes[0].Text.ShouldBe("Step check: agency P1 → competent:people-committee.");
        changes[2].Text.ShouldBe("Step check: title «Kiểm tra» → «Kiểm tra hồ sơ».");
        changes[3].ShouldSatisfyAllConditions(c => c.Before.ShouldBe("Ok, Refuse"), c => c.After.ShouldBe("Ok, Refuse, Later"));
    }

    [Fact]
    public void a_decision_a_fork_and_a_join_report_their_condition_branches_and_mode()
    {
        var changes = Compare(d =>
        {
            d.Activity("needs")["condition"] = "dossier.data.needsVerification === 'yes'";
            d.Activity("fork")["branches"] = new JsonArray("Police", "Health");
            d.Activity("join")["mode"] = "WaitAny";
        }).Changes;

        changes.Select(c => (c.Subject, c.ActivityId)).ShouldBe([("condition", "needs"), ("branches", "fork"), ("joinMode", "join")]);
        changes[1].Text.ShouldBe("Step fork: fork branches Police, Insurance → Police, Health.");
        changes[2].Text.ShouldBe("Step join: join mode WaitAll → WaitAny.");
    }

    [Fact]
    public void a_step_of_another_type_under_the_same_id_is_one_change_of_type()
    {
        var change = Compare(d =>
        {
            var verify = d.Activity("verify");
            verify.Clear();
            verify["id"] = "verify";
            verify["type"] = "Dossier.AwaitPayment";
            verify["agency"] = "S1";
        }).Changes.ShouldHaveSingleItem();

        change.Subject.ShouldBe("type");
        change.Text.ShouldBe("Step verify: type Dossier.Task «Xác minh» at P1 → Dossier.AwaitPayment «Thực hiện nghĩa vụ tài chính» at S1.");
    }

    [Fact]
    public void the_procedure_reports_legal_time_name_level_and_fees()
    {
        var before = TestDefinitions.Valid();
        Procedure(before)["fees"] = JsonNode.Parse("""[{ "name": "Lệ phí", "amount": 15000 }, { "name": "Phí cũ", "amount": 5000 }]""");
        var after = TestDefinitions.Valid();
        var procedure = Procedure(after);
        procedure["legalTime"] = JsonNode.Parse("""{ "amount": 4, "unit": "WorkingDays" }""");
        procedure["name"] = "Thử nghiệm mới";
        procedure["level"] = "province";
        procedure["fees"] = JsonNode.Parse("""[{ "name": "Lệ phí", "amount": 20000 }, { "name": "Phí mới", "amount": 7000 }]""");

        var changes = WorkflowDiff.Compare(Load(before, 1), Load(after, 2)).Changes;

        changes.Select(c => (c.Kind, c.Subject)).ShouldBe([
            ("changed", "procedureName"), ("changed", "level"), ("changed", "legalTime"), ("removed", "fees"), ("added", "fees"), ("changed", "fees")]);
        changes.ShouldAllBe(c => c.ActivityId == null);
        changes[2].Text.ShouldBe("Legal time: 5 WorkingDays → 4 WorkingDays.");
        changes[0].Text.ShouldBe("Procedure name: «Thử nghiệm» → «Thử nghiệm mới».");
        changes[3].Text.ShouldBe("Fee removed: «Phí cũ», 5000 VND.");
        changes[5].Text.ShouldBe("Fee «Lệ phí»: 15000 VND → 20000 VND.");
    }

    [Fact]
    public void every_subject_the_comparison_uses_has_a_name_for_the_summary()
    {
        var comparison = Compare(d =>
        {
            AddReviewStep(d);
            d.Activity("check")["title"] = "Khác";
            Procedure(d)["legalTime"] = JsonNode.Parse("""{ "amount": 6, "unit": "WorkingDays" }""");
        });

        comparison.Summary.Count.ShouldBe(1 + comparison.Changes.Select(c => c.Subject).Distinct().Count());
        comparison.Summary.ShouldContain("Legal time: 1 changed.");
        comparison.Summary.ShouldContain("Titles: 1 changed (check).");
    }
}
