using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_acknowledging_tasks
{
    [Fact]
    public void the_receiving_agency_confirms_the_hand_over()
    {
        var events = When(Accepted(), new DossierCommand.AcknowledgeTask("check"), Police, at: At(2, 3, 10, 0));

        events.ShouldBeEvents(new TaskAcknowledged(Id, "check", "P1", Police, At(2, 3, 10, 0)));
    }

    [Fact]
    public void the_first_acknowledgement_puts_the_dossier_in_process()
    {
        var state = Given(Accepted().Then(new DossierCommand.AcknowledgeTask("check"), Police));

        state.Status.ShouldBe(DossierStatus.InProcess);
        DvcqgStatus.Of(state.Status).ShouldBe(4);
        state.Started.ShouldBeTrue();
        state.Tasks["check"].Acknowledged.ShouldBeTrue();
    }

    [Fact]
    public void is_a_no_op_when_the_task_was_already_acknowledged()
    {
        var history = Accepted().Then(new DossierCommand.AcknowledgeTask("check"), Police);

        When(history, new DossierCommand.AcknowledgeTask("check"), Police, at: At(2, 3, 11, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void forbids_an_officer_of_another_agency()
    {
        var rejected = Rejected(Accepted(), new DossierCommand.AcknowledgeTask("check"), Insurance);

        rejected.Kind.ShouldBe(RejectionKind.Forbidden);
    }

    [Fact]
    public void forbids_the_desk_on_a_task_of_another_agency()
    {
        Rejected(Accepted(), new DossierCommand.AcknowledgeTask("check"), Desk).Kind.ShouldBe(RejectionKind.Forbidden);
    }

    [Fact]
    public void an_unknown_task_is_not_found()
    {
        var rejected = Rejected(Accepted(), new DossierCommand.AcknowledgeTask("police"), Police);

        rejected.Kind.ShouldBe(RejectionKind.NotFound);
        rejected.Message.ShouldContain("check");
    }

    [Fact]
    public void a_dossier_not_yet_received_has_no_task_to_acknowledge()
    {
        Rejected(Submitted(), new DossierCommand.AcknowledgeTask("check"), Police).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void may_be_acknowledged_while_the_clock_is_paused_and_the_dossier_is_in_process_after_resuming()
    {
        var history = Accepted()
            .Then(new DossierCommand.RequestSupplement(["Tờ khai"], "Thiếu", false), Desk)
            .Then(new DossierCommand.AcknowledgeTask("check"), Police);
        Given(history).Status.ShouldBe(DossierStatus.AwaitingSupplement);

        history.Then(new DossierCommand.ReceiveSupplement(null), Desk, at: At(3, 3, 9, 0));

        Given(history).Status.ShouldBe(DossierStatus.InProcess);
    }
}
