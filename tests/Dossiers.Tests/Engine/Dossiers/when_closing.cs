using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_closing
{
    private static List<object> AtTheFork() => Accepted().Then(new DossierCommand.CompleteTask("check", "Ok", null), Police);

    private static List<object> Resolved() => Accepted().Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police);

    [Fact]
    public void the_applicant_withdraws_and_only_stopping_remains()
    {
        var events = When(AtTheFork(), new DossierCommand.Withdraw("Công dân xin rút"), Desk);

        events.ShouldBeEvents(new WithdrawalRequested(Id, "Công dân xin rút", Desk, Now));
        var state = Given(AtTheFork(), events);
        state.Status.ShouldBe(DossierStatus.WithdrawalRequested);
        DvcqgStatus.Of(state.Status).ShouldBe(7);
        DossierDecider.AllowedActions(state).ShouldBe([DossierActions.Stop]);
    }

    [Fact]
    public void stopping_cancels_every_open_task_and_closes_the_dossier()
    {
        var history = AtTheFork().Then(new DossierCommand.Withdraw("Công dân xin rút"), Desk);
        var at = At(3, 3, 8, 0);

        var events = When(history, new DossierCommand.Stop("Rút theo đề nghị"), Desk, at: at);

        events.ShouldBeEvents(
            new TaskCancelled(Id, "insurance", "processing stopped", at),
            new TaskCancelled(Id, "police", "processing stopped", at),
            new ProcessingStopped(Id, "Rút theo đề nghị", Desk, at));
        var state = Given(history, events);
        state.Status.ShouldBe(DossierStatus.Stopped);
        DvcqgStatus.Of(state.Status).ShouldBe(8);
        state.Tasks.ShouldBeEmpty();
        state.IsTerminal.ShouldBeTrue();
    }

    [Fact]
    public void stopping_a_paused_dossier_ends_the_pause()
    {
        var history = Accepted().Then(new DossierCommand.RequestSupplement(["Tờ khai"], "Thiếu", false), Police);

        var state = Given(history, When(history, new DossierCommand.Stop("Không bổ sung"), Desk));

        state.Status.ShouldBe(DossierStatus.Stopped);
        state.Pause.ShouldBeNull();
    }

    [Fact]
    public void a_dossier_not_yet_received_can_be_withdrawn_and_stopped()
    {
        var history = new List<object>(Submitted()).Then(new DossierCommand.Withdraw("Nộp nhầm"), Desk);

        When(history, new DossierCommand.Stop("Nộp nhầm"), Desk).ShouldBeEvents(new ProcessingStopped(Id, "Nộp nhầm", Desk, Now));
    }

    [Fact]
    public void rejects_a_second_withdrawal()
    {
        var history = AtTheFork().Then(new DossierCommand.Withdraw("Công dân xin rút"), Desk);

        Rejected(history, new DossierCommand.Withdraw("Lần nữa"), Desk).AllowedActions.ShouldBe([DossierActions.Stop]);
    }

    [Fact]
    public void rejects_a_withdrawal_once_the_result_is_ready()
    {
        var rejected = Rejected(Resolved(), new DossierCommand.Withdraw("Muộn"), Desk);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.AllowedActions.ShouldBe([DossierActions.Return]);
    }

    [Fact]
    public void rejects_stopping_once_the_result_is_ready()
    {
        Rejected(Resolved(), new DossierCommand.Stop("Muộn"), Desk).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void returning_the_result_closes_the_dossier()
    {
        var at = At(4, 3, 14, 0);

        var events = When(Resolved(), new DossierCommand.ReturnResult("Trả tại bộ phận một cửa"), Desk, at: at);

        events.ShouldBeEvents(new ResultReturned(Id, "Trả tại bộ phận một cửa", Desk, at));
        var state = Given(Resolved(), events);
        state.Status.ShouldBe(DossierStatus.Returned);
        DvcqgStatus.Of(state.Status).ShouldBe(10);
        state.IsTerminal.ShouldBeTrue();
        state.ResolvedAt.ShouldBe(Now);   // the on-time metric keeps the time of status 9
    }

    [Fact]
    public void rejects_returning_a_result_that_is_not_ready()
    {
        var rejected = Rejected(AtTheFork(), new DossierCommand.ReturnResult(null), Desk);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.AllowedActions.ShouldNotContain(DossierActions.Return);
    }
}
