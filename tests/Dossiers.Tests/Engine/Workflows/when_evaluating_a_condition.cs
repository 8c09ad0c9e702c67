using Dossiers.Engine.Workflows;

namespace Dossiers.Tests.Engine.Workflows;

public class when_evaluating_a_condition
{
    private const string Dossier = """{"channel":"desk","data":{"needsVerification":true,"area":120},"documents":[{"name":"a"}]}""";

    [Theory]
    [InlineData("dossier.data.needsVerification === true", true)]
    [InlineData("dossier.data.area > 200", false)]
    [InlineData("dossier.documents.length === 1 && dossier.channel === 'desk'", true)]
    [InlineData("var big = dossier.data.area >= 100;\nreturn big;", true)]
    public void answers_true_or_false_from_the_dossier(string condition, bool expected) =>
        ConditionSandbox.Evaluate(condition, Dossier).ShouldBe(expected);

    [Fact]
    public void the_dossier_is_read_only() =>
        Should.Throw<ConditionFailed>(() => ConditionSandbox.Evaluate("(dossier.data.area = 1) > 0", Dossier));

    [Fact]
    public void a_runaway_loop_is_stopped() =>
        Should.Throw<ConditionFailed>(() => ConditionSandbox.Evaluate("while (true) {}\nreturn true;", Dossier));

    [Fact]
    public void there_is_no_access_to_the_host() =>
        Should.Throw<ConditionFailed>(() => ConditionSandbox.Evaluate("System.IO.File.Exists('/etc/passwd')", Dossier));

    [Fact]
    public void an_answer_that_is_not_a_boolean_is_refused() =>
        Should.Throw<ConditionFailed>(() => ConditionSandbox.Evaluate("dossier.data.area", Dossier)).Message.ShouldContain("not true or false");
}
