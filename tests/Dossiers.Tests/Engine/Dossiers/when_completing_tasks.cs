using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_completing_tasks
{
    [Fact]
    public void rejects_an_outcome_the_step_does_not_have_naming_the_outcome_field()
    {
        var rejected = Rejected(Accepted(), new DossierCommand.CompleteTask("check", "Teleport", null), Police);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.Field.ShouldBe("outcome");
        rejected.AllowedActions.ShouldBe(["complete:Ok", "complete:Refuse"]);
    }

    [Fact]
    public void rejects_the_default_outcome_on_a_step_that_declares_its_own()
    {
        Rejected(Accepted(), new DossierCommand.CompleteTask("check", "Done", null), Police).Field.ShouldBe("outcome");
    }

    [Fact]
    public void completing_an_unacknowledged_hand_over_acknowledges_it_first()
    {
        var events = When(Accepted(), new DossierCommand.CompleteTask("check", "Ok", "Đủ điều kiện"), Police, at: At(2, 3, 14, 0));

        events[0].ShouldBe(new TaskAcknowledged(Id, "check", "P1", Police, At(2, 3, 14, 0)));
        events[1].ShouldBe(new TaskCompleted(Id, "check", "check", "P1", "Ok", "Đủ điều kiện", At(3, 3, 9, 15),
            Timeliness.Early, Police, At(2, 3, 14, 0)));
    }

    [Fact]
    public void an_acknowledged_task_completes_without_a_second_acknowledgement()
    {
        var history = Accepted().Then(new DossierCommand.AcknowledgeTask("check"), Police);

        var events = When(history, new DossierCommand.CompleteTask("check", "Ok", null), Police);

        events.OfType<TaskAcknowledged>().ShouldBeEmpty();
        events[0].ShouldBeOfType<TaskCompleted>();
    }

    [Theory]
    [InlineData(2, 16, 59, Timeliness.Early)]    // Monday: an earlier working day than the due day (Tue 03/03)
    [InlineData(3, 7, 0, Timeliness.OnTime)]     // the due day, before the due instant
    [InlineData(3, 9, 15, Timeliness.OnTime)]    // exactly at the due instant
    [InlineData(3, 9, 16, Timeliness.Late)]      // one minute after it
    [InlineData(4, 8, 0, Timeliness.Late)]
    public void records_whether_the_step_was_early_on_time_or_late(int day, int hour, int minute, Timeliness expected)
    {
        var completed = When(Accepted(), new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(day, 3, hour, minute))
            .Single<TaskCompleted>();

        completed.DueAt.ShouldBe(At(3, 3, 9, 15));
        completed.Timeliness.ShouldBe(expected);
    }

    [Theory]
    [InlineData(6, 16, 0, Timeliness.Early)]    // Friday, a working day before Monday's due day
    [InlineData(7, 10, 0, Timeliness.OnTime)]   // Saturday belongs to the next working day, the due day itself
    [InlineData(8, 20, 0, Timeliness.OnTime)]   // so does Sunday
    public void a_step_finished_on_a_rest_day_counts_from_the_next_working_day(int day, int hour, int minute, Timeliness expected)
    {
        var history = new List<object>(Submitted()).Then(new DossierCommand.Accept(1), Desk, at: At(6, 3, 9, 15));
        history.Single<TaskActivated>().DueAt.ShouldBe(At(9, 3, 9, 15));

        var completed = When(history, new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(day, 3, hour, minute)).Single<TaskCompleted>();

        completed.Timeliness.ShouldBe(expected);
    }

    [Fact]
    public void the_first_completion_puts_the_dossier_in_process()
    {
        var state = Given(Accepted().Then(new DossierCommand.CompleteTask("check", "Ok", null), Police));

        state.Status.ShouldBe(DossierStatus.InProcess);
        DvcqgStatus.Of(state.Status).ShouldBe(4);
        state.Started.ShouldBeTrue();
        state.Outcomes["check"].ShouldBe("Ok");
        state.Tasks.ContainsKey("check").ShouldBeFalse();
    }

    [Fact]
    public void forbids_an_officer_of_another_agency()
    {
        Rejected(Accepted(), new DossierCommand.CompleteTask("check", "Ok", null), Insurance).Kind.ShouldBe(RejectionKind.Forbidden);
    }

    [Fact]
    public void a_task_already_completed_is_a_conflict_not_an_unknown_task()
    {
        var history = Accepted().Then(new DossierCommand.CompleteTask("check", "Ok", null), Police);

        var rejected = Rejected(history, new DossierCommand.CompleteTask("check", "Ok", null), Police);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.Message.ShouldContain("already closed");
        Rejected(history, new DossierCommand.AcknowledgeTask("check"), Police).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void rejects_a_completion_while_the_clock_is_paused()
    {
        var history = Accepted().Then(new DossierCommand.RequestSupplement(["Tờ khai"], "Thiếu", false), Police);

        var rejected = Rejected(history, new DossierCommand.CompleteTask("check", "Ok", null), Police);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.AllowedActions.ShouldContain(DossierActions.Supplement);
    }

    [Fact]
    public void rejects_a_completion_after_a_withdrawal_was_requested()
    {
        var history = Accepted().Then(new DossierCommand.Withdraw("Công dân rút"), Desk);

        Rejected(history, new DossierCommand.CompleteTask("check", "Ok", null), Police).AllowedActions.ShouldBe([DossierActions.Stop]);
    }

    [Fact]
    public void a_rework_outcome_activates_the_earlier_step_again_under_a_new_task_id()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("verify")["outcomes"] = new System.Text.Json.Nodes.JsonArray("Done", "Recheck");
        definition.Connect("verify", "Recheck", "check");
        var workflow = Load(definition.ToJsonString());
        var history = Accepted(NeedsVerification(true), workflow)
            .Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: workflow);

        var events = When(history, new DossierCommand.CompleteTask("verify", "Recheck", null), Police, at: At(3, 3, 9, 0), workflow: workflow);

        events.Single<TaskActivated>().ShouldBe(new TaskActivated(Id, "check-2", "check", "P1", "officer", "Kiểm tra", Budget.WorkingDays(1),
            At(4, 3, 9, 0), Calendar.Version, null, At(3, 3, 9, 0)));
        var state = Given(history, events);
        state.Activations["check"].ShouldBe(2);
        state.Tasks.Keys.ShouldBe(["check-2"]);
        // The second pass through the decision is evaluated again: it is a new visit, not a replay.
        When([.. history, .. events], new DossierCommand.CompleteTask("check-2", "Ok", null), Police, at: At(3, 3, 10, 0), workflow: workflow)
            .OfType<DecisionTaken>().ShouldHaveSingleItem().Port.ShouldBe("True");
    }
}
