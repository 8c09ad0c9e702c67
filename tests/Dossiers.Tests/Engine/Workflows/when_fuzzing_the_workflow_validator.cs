using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

/// <summary>
/// A workflow file can never crash anything (issue 15): thousands of mutants of every definition we know are loaded,
/// validated and drawn; each answer is a list of problems naming file and fix, never an exception, and never the
/// loader's last-resort answer (which would mean a read that throws).
/// </summary>
public class when_fuzzing_the_workflow_validator
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void no_mutant_throws_and_every_problem_says_what_to_fix(int seed)
    {
        var mutator = new DefinitionMutator(seed);
        var refused = 0;
        for (var i = 0; i < 1500; i++)
        {
            var text = mutator.Next();
            WorkflowLoadResult result;
            try
            {
                result = WorkflowValidator.LoadAndValidate(text, "mutant.json", TestDefinitions.Agencies);
                if (result.Definition is { } definition) MermaidDiagram.Render(definition, TestDefinitions.Agencies);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"Mutant {seed}/{i} threw {e.GetType().Name}: {e.Message}\n{text}");
            }
            result.Problems.ShouldAllBe(p => p.Source == "mutant.json" && p.Message.Length > 0 && p.Fix.Length > 0, $"mutant {seed}/{i}");
            result.Problems.ShouldAllBe(p => !p.Message.Contains(WorkflowLoader.Unreadable), $"mutant {seed}/{i}: {text}");
            if (!result.IsValid) refused++;
        }
        refused.ShouldBeGreaterThan(1000);   // the mutations do break definitions; a fuzz that only made valid ones proves nothing
    }

    [Fact]
    public void a_condition_nested_beyond_reason_is_a_problem()
    {
        var definition = TestDefinitions.Valid();
        definition.Activities().Single(a => a!["id"]!.GetValue<string>() == "needs")!["condition"] = new string('(', 200_000) + "true";

        var problem = WorkflowValidator.LoadAndValidate(definition.ToJsonString(), "deep.json", TestDefinitions.Agencies).Problems.ShouldHaveSingleItem();

        problem.ActivityId.ShouldBe("needs");
    }
}
