using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_refusing
{
    [Fact]
    public void the_desk_refuses_a_dossier_at_intake()
    {
        var events = When(Submitted(), new DossierCommand.Refuse("Không thuộc thẩm quyền"), Desk);

        events.ShouldBeEvents(new DossierRefused(Id, "Không thuộc thẩm quyền", Desk, Now));
        var state = Given(Submitted(), events);
        state.Status.ShouldBe(DossierStatus.Refused);
        DvcqgStatus.Of(state.Status).ShouldBe(3);
        state.IsTerminal.ShouldBeTrue();
    }

    [Fact]
    public void the_desk_may_refuse_while_waiting_for_an_intake_supplement()
    {
        var history = new List<object>(Submitted()).Then(new DossierCommand.RequestSupplement(["Tờ khai"], "Thiếu tờ khai", false), Desk);

        When(history, new DossierCommand.Refuse("Không bổ sung"), Desk).ShouldBeEvents(new DossierRefused(Id, "Không bổ sung", Desk, Now));
    }

    [Fact]
    public void rejects_a_desk_refusal_after_the_dossier_was_received()
    {
        var rejected = Rejected(Accepted(), new DossierCommand.Refuse("Quá muộn"), Desk);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.AllowedActions.ShouldNotContain(DossierActions.Refuse);
    }

    [Fact]
    public void rejects_a_desk_refusal_while_a_processing_supplement_is_awaited()
    {
        var history = Accepted().Then(new DossierCommand.RequestSupplement(["Tờ khai"], "Thiếu", false), Desk);

        Rejected(history, new DossierCommand.Refuse("Quá muộn"), Desk).Kind.ShouldBe(RejectionKind.Conflict);
    }

    public static TheoryData<string> ClosedDossiers => ["refused", "stopped", "returned"];

    [Theory]
    [MemberData(nameof(ClosedDossiers))]
    public void nothing_more_can_be_recorded_on_a_closed_dossier(string how)
    {
        var history = Closed(how);
        DossierCommand[] commands =
        [
            new DossierCommand.Accept(2), new DossierCommand.Refuse("x"), new DossierCommand.AcknowledgeTask("check"),
            new DossierCommand.CompleteTask("check", "Ok", null), new DossierCommand.RequestSupplement(["x"], "x", true),
            new DossierCommand.ReceiveSupplement(null), new DossierCommand.RequestPayment(1, "x"), new DossierCommand.RecordPayment(null),
            new DossierCommand.Apologize("x", At(20, 3, 9, 0)), new DossierCommand.Withdraw("x"), new DossierCommand.Stop("x"),
            new DossierCommand.ReturnResult(null), new DossierCommand.MigrateVersion(Workflow, new Dictionary<string, string>(), "x"),
        ];

        foreach (var command in commands)
        {
            var rejected = Rejected(history, command, Police);
            rejected.Kind.ShouldBe(RejectionKind.Conflict, command.GetType().Name);
            rejected.AllowedActions.ShouldBeEmpty(command.GetType().Name);
        }
        DossierDecider.AllowedActions(Given(history)).ShouldBeEmpty();
    }

    [Fact]
    public void a_closed_dossier_cannot_be_submitted_again()
    {
        var rejected = Should.Throw<CommandRejected>(() => When(Closed("refused"), SubmitCommand(), Desk));

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
    }

    private static List<object> Closed(string how) => how switch
    {
        "refused" => new List<object>(Submitted()).Then(new DossierCommand.Refuse("Không đủ điều kiện"), Desk),
        "stopped" => Accepted().Then(new DossierCommand.Withdraw("Công dân rút"), Desk).Then(new DossierCommand.Stop("Rút hồ sơ"), Desk),
        "returned" => Accepted()
            .Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police)
            .Then(new DossierCommand.ReturnResult(null), Desk),
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };
}
