using System.Text.Json.Nodes;
using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_migrating_versions
{
    private static readonly Actor Controller = new("controller.hoa", "controller", TestDefinitions.Desk);

    /// <summary>Version 2 of the test workflow: the check step is now called "review".</summary>
    private static WorkflowDefinition V2 { get; } = Load(Renamed(TestDefinitions.Valid(), "check", "review", version: 2));

    private static string Renamed(JsonObject definition, string from, string to, int version)
    {
        definition["version"] = version;
        return definition.ToJsonString().Replace($"\"{from}\"", $"\"{to}\"");
    }

    private static DossierCommand.MigrateVersion Migrate(WorkflowDefinition target, params (string From, string To)[] mapping) =>
        new(target, mapping.ToDictionary(m => m.From, m => m.To), "QĐ công bố quy trình mới");

    [Fact]
    public void records_the_version_change_with_its_step_mapping()
    {
        var events = When(Accepted(), Migrate(V2, ("check", "review")), Controller);

        events.ShouldBeEvents(new WorkflowVersionChanged(Id, "9.999999-test", 1, 2,
            new Dictionary<string, string> { ["check"] = "review" }, "QĐ công bố quy trình mới", Controller, Now,
            new Dictionary<string, string> { ["insurance"] = "S1", ["intake"] = "D1", ["police"] = "P1", ["review"] = "P1", ["verify"] = "P1" }));
    }

    [Fact]
    public void the_state_follows_the_new_version_and_its_step_ids()
    {
        var state = Given(Accepted().Then(Migrate(V2, ("check", "review")), Controller));

        state.DefinitionVersion.ShouldBe(2);
        state.Tasks["check"].ActivityId.ShouldBe("review");
        state.Status.ShouldBe(DossierStatus.Received);
    }

    [Fact]
    public void the_open_task_then_completes_against_the_new_version()
    {
        var history = Accepted().Then(Migrate(V2, ("check", "review")), Controller);

        var events = When(history, new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: V2);

        events.Single<TaskCompleted>().ActivityId.ShouldBe("review");
        events.Single<DecisionTaken>().Port.ShouldBe("False");
        events.OfType<TaskActivated>().Select(t => t.TaskId).ShouldBe(["police", "insurance"]);
    }

    [Fact]
    public void an_awaited_payment_step_is_mapped_too()
    {
        var v1 = when_paying.Paying();
        var v2 = Load(Renamed(when_paying.PayingDefinition(), "pay", "fee", version: 2));
        var history = Accepted(workflow: v1).Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: v1);

        Rejected(history, Migrate(v2), Controller, workflow: v1).Field.ShouldBe("stepMapping.pay");
        history.Then(Migrate(v2, ("pay", "fee")), Controller, workflow: v1);

        Given(history).AwaitingPaymentActivity.ShouldBe("fee");
        When(history, new DossierCommand.RecordPayment(null), Desk, at: At(3, 3, 9, 0), workflow: v2).Single<ResultReady>().ActivityId.ShouldBe("result");
    }

    [Fact]
    public void rejects_a_mapping_that_leaves_an_active_step_out()
    {
        var rejected = Rejected(Accepted(), Migrate(V2), Controller);

        rejected.Kind.ShouldBe(RejectionKind.Invalid);
        rejected.Field.ShouldBe("stepMapping.check");
    }

    [Theory]
    [InlineData("nowhere")]   // no such step in v2
    [InlineData("needs")]     // a decision, not a task
    public void rejects_a_mapping_to_anything_but_a_step_of_the_same_kind(string target)
    {
        var rejected = Rejected(Accepted(), Migrate(V2, ("check", target)), Controller);

        rejected.Kind.ShouldBe(RejectionKind.Invalid);
        rejected.Field.ShouldBe("stepMapping.check");
    }

    [Fact]
    public void rejects_the_version_the_dossier_is_already_on()
    {
        var rejected = Rejected(Accepted(), Migrate(Workflow, ("check", "check")), Controller);

        rejected.Kind.ShouldBe(RejectionKind.Invalid);
        rejected.Field.ShouldBe("toVersion");
    }

    [Fact]
    public void rejects_a_version_of_another_workflow()
    {
        var other = TestDefinitions.Valid();
        other["definitionId"] = "9.999999-other";
        other["version"] = 2;

        Rejected(Accepted(), Migrate(Load(other.ToJsonString()), ("check", "check")), Controller).Field.ShouldBe("toVersion");
    }

    [Fact]
    public void rejects_a_migration_while_branches_wait_at_a_join()
    {
        var history = Accepted()
            .Then(new DossierCommand.CompleteTask("check", "Ok", null), Police)
            .Then(new DossierCommand.CompleteTask("police", "Done", null), Police);

        Rejected(history, Migrate(V2, ("insurance", "insurance")), Controller).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void rejects_a_migration_once_the_result_is_ready()
    {
        var history = Accepted().Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police);

        Rejected(history, Migrate(V2), Controller).Kind.ShouldBe(RejectionKind.Conflict);
    }
}
