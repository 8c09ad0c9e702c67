using System.Text.Json.Nodes;
using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

public class when_validating_a_workflow
{
    private static IReadOnlyList<WorkflowProblem> Problems(JsonObject definition) =>
        WorkflowValidator.LoadAndValidate(definition.ToJsonString(), "test.v1.json", TestDefinitions.Agencies).Problems;

    private static WorkflowProblem Single(JsonObject definition, string? activityId, string messagePart)
    {
        var problems = Problems(definition);
        var problem = problems.ShouldHaveSingleItem(string.Join("\n", problems));
        problem.ActivityId.ShouldBe(activityId);
        problem.Message.ShouldContain(messagePart);
        problem.Source.ShouldBe("test.v1.json");
        problem.Fix.ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    [Fact]
    public void the_reference_definition_is_valid() => Problems(TestDefinitions.Valid()).ShouldBeEmpty();

    [Fact]
    public void an_unknown_activity_type_is_named_with_its_type()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("verify")["type"] = "Elsa.SendEmail";
        var problems = Problems(definition);
        problems.ShouldContain(p => p.ActivityId == "verify" && p.Message.Contains("'Elsa.SendEmail'"));
    }

    [Fact]
    public void an_unknown_agency_is_named()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("police")["agency"] = "000.99.99.H48";
        Single(definition, "police", "Agency '000.99.99.H48' is not in the agency registry");
    }

    [Fact]
    public void a_connection_to_a_missing_activity_is_dangling()
    {
        var definition = TestDefinitions.Valid();
        definition.RemoveConnection("join", "Done");
        definition.Connect("join", "Done", "nowhere");
        Problems(definition).ShouldContain(p => p.ActivityId == "join" && p.Message.Contains("'nowhere', which does not exist"));
    }

    [Fact]
    public void a_connection_from_a_port_the_activity_lacks_is_refused()
    {
        var definition = TestDefinitions.Valid();
        definition.Connect("verify", "Maybe", "reject");
        Single(definition, "verify", "port 'Maybe', which it does not have");
    }

    [Fact]
    public void a_duplicate_connection_is_named()
    {
        var definition = TestDefinitions.Valid();
        definition.Connect("check", "Refuse", "reject");
        Single(definition, "check", "written twice");
    }

    [Fact]
    public void one_port_to_two_activities_asks_for_a_fork()
    {
        var definition = TestDefinitions.Valid();
        definition.Connect("check", "Refuse", "result");
        Single(definition, "check", "connected to 2 activities").Fix.ShouldContain("Elsa.FlowFork");
    }

    [Fact]
    public void an_unreachable_activity_is_named()
    {
        var definition = TestDefinitions.Valid();
        definition.Activities().Add(JsonNode.Parse("""{ "id": "orphan", "type": "Dossier.Task", "agency": "P1", "title": "Lạc", "budget": { "amount": 1, "unit": "WorkingHours" } }"""));
        definition.Connect("orphan", "Done", "result");
        Single(definition, "orphan", "cannot be reached from the intake");
    }

    [Fact]
    public void an_activity_with_no_way_to_an_end_is_named()
    {
        var definition = TestDefinitions.Valid();
        definition.Activities().Add(JsonNode.Parse("""{ "id": "loop", "type": "Dossier.Task", "agency": "P1", "title": "Vòng", "budget": { "amount": 1, "unit": "WorkingHours" } }"""));
        definition.RemoveConnection("check", "Refuse");
        definition.Connect("check", "Refuse", "loop");
        definition.Connect("loop", "Done", "loop");
        Problems(definition).ShouldContain(p => p.ActivityId == "loop" && p.Message.Contains("No path leads from 'loop'"));
    }

    [Fact]
    public void an_unconnected_outcome_is_named()
    {
        var definition = TestDefinitions.Valid();
        definition.RemoveConnection("check", "Refuse");
        definition.Activities().Remove(definition.Activity("reject"));
        Single(definition, "check", "Port 'Refuse' of 'check' is not connected");
    }

    [Fact]
    public void a_decision_needs_both_ports()
    {
        var definition = TestDefinitions.Valid();
        definition.RemoveConnection("needs", "True");
        definition.Activities().Remove(definition.Activity("verify"));
        definition.RemoveConnection("verify", "Done");
        Single(definition, "needs", "The decision's 'True' port is not connected");
    }

    [Fact]
    public void invalid_javascript_in_a_condition_is_refused()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("needs")["condition"] = "dossier.data.needsVerification ===";
        Single(definition, "needs", "not valid JavaScript");
    }

    [Fact]
    public void fork_branches_that_meet_at_different_joins_are_unbalanced()
    {
        var definition = TestDefinitions.Valid();
        definition.Activities().Add(JsonNode.Parse("""{ "id": "join2", "type": "Elsa.FlowJoin", "mode": "WaitAll" }"""));
        definition.RemoveConnection("insurance", "Done");
        definition.Connect("insurance", "Done", "join2");
        definition.Connect("join2", "Done", "result");
        Problems(definition).ShouldContain(p => p.ActivityId == "fork" && p.Message.Contains("different joins"));
    }

    [Fact]
    public void a_fork_whose_branches_never_meet_is_unbalanced()
    {
        var definition = TestDefinitions.Valid();
        definition.RemoveConnection("police", "Done");
        definition.RemoveConnection("insurance", "Done");
        definition.RemoveConnection("join", "Done");
        definition.Activities().Remove(definition.Activity("join"));
        definition.Connect("police", "Done", "result");
        definition.Connect("insurance", "Done", "result");
        Problems(definition).ShouldContain(p => p.ActivityId == "fork" && p.Message.Contains("never meet at a join"));
    }

    [Fact]
    public void budgets_beyond_the_legal_time_name_the_longest_path()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("police")["budget"] = JsonNode.Parse("""{ "amount": 3, "unit": "WorkingDays" }""");
        // check 1 + verify 1 + police 3 = 5 days: still within 5; one more hour is not.
        Problems(definition).ShouldBeEmpty();
        definition.Activity("intake")["budget"] = JsonNode.Parse("""{ "amount": 1, "unit": "WorkingHours" }""");
        Single(definition, "police", "intake → check → needs → verify → fork → police → join → result budget 41 working hours");
    }

    [Fact]
    public void two_intakes_are_refused()
    {
        var definition = TestDefinitions.Valid();
        definition.Activities().Add(JsonNode.Parse("""{ "id": "intake2", "type": "Dossier.Intake", "agency": "D1" }"""));
        Problems(definition).ShouldContain(p => p.Message.Contains("exactly one Dossier.Intake"));
    }

    [Fact]
    public void an_unsupported_expression_type_names_the_input()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("police")["agency"] = JsonNode.Parse("""{ "typeName": "String", "expression": { "type": "Liquid", "value": "{{ agency }}" } }""");
        Problems(definition).ShouldContain(p => p.ActivityId == "police" && p.Message.Contains("Input 'agency' uses a 'Liquid' expression"));
    }

    [Fact]
    public void text_that_is_not_json_is_a_problem_not_a_crash() =>
        WorkflowValidator.LoadAndValidate("{ \"definitionId\": ", "broken.json", TestDefinitions.Agencies)
            .Problems.ShouldHaveSingleItem().Message.ShouldContain("not valid JSON");

    [Fact]
    public void a_missing_legal_time_is_named()
    {
        var definition = TestDefinitions.Valid();
        definition["customProperties"]!["procedure"]!.AsObject().Remove("legalTime");
        Problems(definition).ShouldContain(p => p.Message.Contains("'legalTime' is missing"));
    }

    [Fact]
    public void the_intake_refusal_is_not_routed()
    {
        var definition = TestDefinitions.Valid();
        definition.Connect("intake", "Refused", "reject");
        Single(definition, "intake", "Refused port is connected");
    }
}
