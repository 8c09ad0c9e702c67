using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_deciding
{
    [Fact]
    public void a_true_condition_records_the_port_and_activates_the_verification()
    {
        var events = When(Accepted(NeedsVerification(true)), new DossierCommand.CompleteTask("check", "Ok", null), Police);

        events.ShouldBeEvents(
            new TaskAcknowledged(Id, "check", "P1", Police, Now),
            new TaskCompleted(Id, "check", "check", "P1", "Ok", null, At(3, 3, 9, 15), Timeliness.Early, Police, Now),
            new DecisionTaken(Id, "needs", "True", Now),
            // Same agency as the step before: no hand-over.
            new TaskActivated(Id, "verify", "verify", "P1", "officer", "Xác minh", Budget.WorkingDays(1), At(3, 3, 9, 15), Calendar.Version, null, Now));
    }

    [Fact]
    public void a_false_condition_records_the_port_and_the_fork_activates_both_branches_in_the_same_command()
    {
        var events = When(Accepted(NeedsVerification(false)), new DossierCommand.CompleteTask("check", "Ok", null), Police);

        events.ShouldBeEvents(
            new TaskAcknowledged(Id, "check", "P1", Police, Now),
            new TaskCompleted(Id, "check", "check", "P1", "Ok", null, At(3, 3, 9, 15), Timeliness.Early, Police, Now),
            new DecisionTaken(Id, "needs", "False", Now),
            new ForkActivated(Id, "fork", ["Police", "Insurance"], "join", Now),
            new TaskActivated(Id, "police", "police", "P1", "officer", "Đăng ký", Budget.WorkingDays(2), At(4, 3, 9, 15), Calendar.Version, null, Now),
            new TaskActivated(Id, "insurance", "insurance", "S1", "officer", "Cấp thẻ", Budget.WorkingDays(1), At(3, 3, 9, 15), Calendar.Version,
                new HandOver("P1", "officer.binh", "check"), Now));
    }

    [Fact]
    public void missing_data_makes_a_strict_comparison_false()
    {
        var events = When(Accepted(), new DossierCommand.CompleteTask("check", "Ok", null), Police);

        events.Single<DecisionTaken>().Port.ShouldBe("False");
    }

    [Fact]
    public void the_verification_leads_into_the_fork_without_evaluating_the_decision_again()
    {
        var history = Accepted(NeedsVerification(true)).Then(new DossierCommand.CompleteTask("check", "Ok", null), Police);

        var events = When(history, new DossierCommand.CompleteTask("verify", "Done", null), Police, at: At(2, 3, 14, 0));

        events.OfType<DecisionTaken>().ShouldBeEmpty();
        events.Single<ForkActivated>().JoinId.ShouldBe("join");
        events.OfType<TaskActivated>().Select(t => t.TaskId).ShouldBe(["police", "insurance"]);
    }

    [Fact]
    public void the_taken_port_is_in_the_state_folded_from_the_events_alone()
    {
        var history = Accepted(NeedsVerification(true)).Then(new DossierCommand.CompleteTask("check", "Ok", null), Police);

        // Folding takes no workflow and no calendar: the recorded port is all replay needs.
        var state = DossierDecider.Fold(null, history)!;

        state.Outcomes["needs"].ShouldBe("True");
        state.Outcomes["check"].ShouldBe("Ok");
        state.Tasks.Keys.ShouldBe(["verify"]);
    }

    [Fact]
    public void the_condition_is_evaluated_only_once_later_commands_never_evaluate_it_again()
    {
        var history = Accepted(NeedsVerification(false)).Then(new DossierCommand.CompleteTask("check", "Ok", null), Police);
        // From here on the decision would throw if anything evaluated it.
        var broken = WithNeedsCondition("dossier.data.x.y === 1");

        history.Then(new DossierCommand.CompleteTask("police", "Done", null), Police, at: At(2, 3, 10, 0), workflow: broken);
        var events = When(history, new DossierCommand.CompleteTask("insurance", "Done", null), Insurance, at: At(2, 3, 11, 0), workflow: broken);

        events.Single<ResultReady>().Kind.ShouldBe(ResultKind.Granted);
        history.Concat(events).OfType<DecisionTaken>().ShouldHaveSingleItem().Port.ShouldBe("False");
    }

    [Fact]
    public void a_condition_that_throws_at_run_time_rejects_the_command_and_records_nothing()
    {
        var broken = WithNeedsCondition("dossier.data.x.y === 1");
        var history = Accepted(workflow: broken);

        var rejected = Rejected(history, new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: broken);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.Message.ShouldContain("needs");
        // The task is still open: the officer can complete it once the integrator fixes the condition.
        Given(history).Tasks.Keys.ShouldBe(["check"]);
        When(history, new DossierCommand.CompleteTask("check", "Ok", null), Police).Single<DecisionTaken>().Port.ShouldBe("False");
    }

    [Fact]
    public void a_condition_that_answers_something_other_than_a_boolean_is_rejected()
    {
        var broken = WithNeedsCondition("dossier.data.needsVerification ? 'yes' : 'no'");

        Rejected(Accepted(NeedsVerification(true), broken), new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: broken)
            .Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void the_condition_sees_the_outcomes_channel_and_documents_of_the_dossier()
    {
        var workflow = WithNeedsCondition(
            "dossier.outcomes.check === 'Ok' && dossier.channel === 'desk' && dossier.documents[0].digitized === true && dossier.procedureCode === '9.999999'");

        var events = When(Accepted(workflow: workflow), new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: workflow);

        events.Single<DecisionTaken>().Port.ShouldBe("True");
    }

    private static WorkflowDefinition WithNeedsCondition(string condition)
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("needs")["condition"] = condition;
        return Load(definition.ToJsonString());
    }
}
