using Dossiers.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;
using A = Dossiers.Engine.Dossiers.DossierActions;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_listing_allowed_actions
{
    private static readonly DossierCommand.RequestSupplement Supplement = new(["Tờ khai"], "Thiếu", false);

    public static TheoryData<string, DossierStatus, string[]> States => new()
    {
        { "submitted", DossierStatus.Submitted, [A.Accept, A.Refuse, A.SupplementRequest, A.Withdrawal, A.Stop] },
        { "intake supplement", DossierStatus.AwaitingSupplement, [A.Supplement, A.Refuse, A.Withdrawal, A.Stop] },
        { "received", DossierStatus.Received, [A.Acknowledge, A.Complete, A.SupplementRequest, A.PaymentRequest, A.Apology, A.Withdrawal, A.Stop, A.Migrate] },
        { "in process", DossierStatus.InProcess, [A.Acknowledge, A.Complete, A.SupplementRequest, A.PaymentRequest, A.Apology, A.Withdrawal, A.Stop, A.Migrate] },
        { "processing supplement", DossierStatus.AwaitingSupplement, [A.Supplement, A.Withdrawal, A.Stop, A.Migrate] },
        { "payment", DossierStatus.AwaitingPayment, [A.Payment, A.Withdrawal, A.Stop, A.Migrate] },
        { "withdrawal", DossierStatus.WithdrawalRequested, [A.Stop] },
        { "resolved", DossierStatus.Resolved, [A.Return] },
        { "refused", DossierStatus.Refused, [] },
        { "stopped", DossierStatus.Stopped, [] },
        { "returned", DossierStatus.Returned, [] },
    };

    [Theory]
    [MemberData(nameof(States))]
    public void lists_what_the_status_allows(string situation, DossierStatus status, string[] expected)
    {
        var state = Given(History(situation));

        state.Status.ShouldBe(status);
        DossierDecider.AllowedActions(state).ShouldBe(expected);
    }

    private static List<object> History(string situation) => situation switch
    {
        "submitted" => [.. Submitted()],
        "intake supplement" => new List<object>(Submitted()).Then(Supplement, Desk),
        "received" => Accepted(),
        "in process" => Accepted().Then(new DossierCommand.AcknowledgeTask("check"), Police),
        "processing supplement" => Accepted().Then(Supplement, Police),
        "payment" => Accepted().Then(new DossierCommand.RequestPayment(1, "Phí"), Police),
        "withdrawal" => Accepted().Then(new DossierCommand.Withdraw("Rút"), Desk),
        "resolved" => Accepted().Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police),
        "refused" => new List<object>(Submitted()).Then(new DossierCommand.Refuse("Sai thẩm quyền"), Desk),
        "stopped" => Accepted().Then(new DossierCommand.Stop("Dừng"), Desk),
        "returned" => Accepted().Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police).Then(new DossierCommand.ReturnResult(null), Desk),
        _ => throw new ArgumentOutOfRangeException(nameof(situation)),
    };
}
