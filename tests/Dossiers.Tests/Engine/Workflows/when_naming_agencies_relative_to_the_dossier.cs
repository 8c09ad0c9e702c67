using System.Text.Json.Nodes;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

/// <summary>The notation of docs/workflows.md §2.2: parsed from plain or Elsa-literal text, and validated against the registry.</summary>
public class when_naming_agencies_relative_to_the_dossier
{
    private static WorkflowLoadResult Load(JsonObject definition) =>
        WorkflowValidator.LoadAndValidate(definition.ToJsonString(), "test.v1.json", TestDefinitions.Agencies);

    private static JsonObject Relative()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("intake")["agency"] = "receiving-centre";
        definition.Activity("check")["agency"] = "competent:police";
        // The Elsa 3 shape: a String input whose expression is a Literal holding the reference.
        definition.Activity("police")["agency"] = JsonNode.Parse("""{ "typeName": "String", "expression": { "type": "Literal", "value": "competent:police" } }""");
        return definition;
    }

    [Theory]
    [InlineData("receiving-centre", typeof(AgencyRef.ReceivingCentre))]
    [InlineData("competent:police", typeof(AgencyRef.Competent))]
    [InlineData("000.00.05.H48", typeof(AgencyRef.Fixed))]
    public void the_text_says_which_kind_of_reference_it_is(string text, Type kind)
    {
        var reference = AgencyRef.Parse(text);
        reference.ShouldBeOfType(kind);
        reference.Notation.ShouldBe(text);
    }

    [Fact]
    public void relative_references_in_either_input_shape_load_and_validate()
    {
        var loaded = Load(Relative());
        loaded.Problems.ShouldBeEmpty();
        loaded.Definition!.Intake!.Agency.ShouldBe(new AgencyRef.ReceivingCentre());
        loaded.Definition["police"].ShouldBeOfType<TaskActivity>().Agency.ShouldBe(new AgencyRef.Competent("police"));
    }

    [Fact]
    public void a_kind_no_unit_serves_is_a_problem_naming_the_step()
    {
        var definition = Relative();
        definition.Activity("verify")["agency"] = "competent:fire-brigade";
        var problem = Load(definition).Problems.ShouldHaveSingleItem();
        problem.ActivityId.ShouldBe("verify");
        problem.Message.ShouldContain("'competent:fire-brigade' cannot be resolved for 2 of 2 communes");
        problem.Fix.ShouldContain("police");   // the kinds that do serve every commune
    }

    [Fact]
    public void a_kind_that_serves_only_some_communes_is_a_problem_too()
    {
        // Social insurance S1 is province-wide with no communes; give one commune a unit of its own and the other none.
        var registry = new AgencyRegistry("partial", [.. TestDefinitions.Agencies.All,
            new Agency("L1", "Chi nhánh VPĐKĐĐ", null, null, "province", "land-office", [TestDefinitions.Commune])]);
        var definition = Relative();
        definition.Activity("verify")["agency"] = "competent:land-office";
        var problem = WorkflowValidator.LoadAndValidate(definition.ToJsonString(), "test.v1.json", registry).Problems.ShouldHaveSingleItem();
        problem.ActivityId.ShouldBe("verify");
        problem.Message.ShouldContain("1 of 2 communes");
        problem.Message.ShouldContain("UBND xã Hai");
    }

    [Theory]
    [InlineData("competent:service-centre", "names a competent unit")]
    [InlineData("P1", "not a service centre")]
    public void the_intake_is_the_receiving_centre(string agency, string message)
    {
        var definition = Relative();
        definition.Activity("intake")["agency"] = agency;
        var problem = Load(definition).Problems.ShouldHaveSingleItem();
        problem.ActivityId.ShouldBe("intake");
        problem.Message.ShouldContain(message);
    }

    [Fact]
    public void boundary_free_reception_is_the_default_and_may_be_turned_off()
    {
        Load(Relative()).Definition!.Procedure.BoundaryFree.ShouldBeTrue();
        var closed = Relative();
        closed["customProperties"]!["procedure"]!["boundaryFree"] = false;
        Load(closed).Definition!.Procedure.BoundaryFree.ShouldBeFalse();
        closed["customProperties"]!["procedure"]!["boundaryFree"] = "no";
        Load(closed).Problems.ShouldContain(p => p.Message.Contains("'boundaryFree' must be true or false"));
    }
}
