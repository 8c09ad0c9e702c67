using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;
using A = Dossiers.Engine.Dossiers.DossierActions;

namespace Dossiers.Tests.Engine.Dossiers;

/// <summary>allowedActions for the caller: what the status allows, narrowed to the caller's role, unit and procedure.</summary>
public class when_offering_next_actions
{
    private static readonly Actor OtherDesk = new("desk.hai", "desk", TestDefinitions.OtherDesk);
    private static readonly Actor Controller = new("control.mai", "controller", null);
    private static readonly Actor Auditor = new("audit.tam", "auditor", null);
    private static ProcedureInfo Procedure => Workflow.Procedure;

    private static IReadOnlyList<string> For(IEnumerable<object> history, Actor actor, ProcedureInfo? procedure = null) =>
        NextActions.For(Given(history), actor, procedure ?? Procedure);

    [Fact]
    public void the_receiving_desk_decides_intake_and_no_one_else_does()
    {
        For(Submitted(), Desk).ShouldBe([A.Accept, A.Refuse, A.SupplementRequest, A.Withdrawal, A.Stop]);
        For(Submitted(), OtherDesk).ShouldBeEmpty();
        For(Submitted(), Police).ShouldBeEmpty();
        For(Submitted(), Auditor).ShouldBeEmpty();
    }

    [Fact]
    public void the_desk_guides_the_applicant_once_at_intake()
    {
        var guided = new List<object>(Submitted()).Then(new DossierCommand.RequestSupplement(["Tờ khai"], "Thiếu", false), Desk)
            .Then(new DossierCommand.ReceiveSupplement(null), Desk);

        For(guided, Desk).ShouldNotContain(A.SupplementRequest);
    }

    [Fact]
    public void an_officer_sees_the_step_of_his_unit_and_the_desk_what_only_the_desk_does()
    {
        For(Accepted(), Police).ShouldBe([A.Acknowledge, A.Complete, A.SupplementRequest, A.PaymentRequest, A.Apology]);
        For(Accepted(), Desk).ShouldBe([A.SupplementRequest, A.PaymentRequest, A.Apology, A.Withdrawal, A.Stop]);
        For(Accepted(), Insurance).ShouldBeEmpty();
    }

    [Fact]
    public void an_acknowledged_task_is_not_offered_for_acknowledgement_again()
    {
        var history = Accepted().Then(new DossierCommand.AcknowledgeTask("check"), Police);
        var state = Given(history);

        NextActions.ForTask(state, state.Tasks["check"], Police).ShouldBe([A.Complete]);
        For(history, Police).ShouldNotContain(A.Acknowledge);
        For(history, Police).ShouldContain(A.Complete);
    }

    [Fact]
    public void a_task_is_offered_only_to_its_own_unit()
    {
        var state = Given(Accepted());

        NextActions.ForTask(state, state.Tasks["check"], Police).ShouldBe([A.Acknowledge, A.Complete]);
        NextActions.ForTask(state, state.Tasks["check"], Insurance).ShouldBeEmpty();
        NextActions.ForTask(state, state.Tasks["check"], Desk).ShouldBeEmpty();
        NextActions.ForTask(state, state.Tasks["check"], Auditor).ShouldBeEmpty();
    }

    [Fact]
    public void a_procedure_without_a_payment_pause_offers_no_payment_request()
    {
        var noPayment = Procedure with { Pauses = new PauseRules(Supplement: true, Payment: false) };

        For(Accepted(), Police, noPayment).ShouldNotContain(A.PaymentRequest);
    }

    [Fact]
    public void no_apology_is_offered_once_the_reschedules_are_used()
    {
        var history = Accepted().Then(new DossierCommand.Apologize("Chờ", At(13, 3, 9, 15)), Police, at: At(3, 3, 9, 0));

        For(history, Police).ShouldNotContain(A.Apology);
    }

    [Fact]
    public void only_the_control_office_migrates_and_the_desk_does_not()
    {
        For(Accepted(), Controller).ShouldBe([A.Migrate]);
        For(Accepted(), Desk).ShouldNotContain(A.Migrate);
    }

    [Fact]
    public void while_the_clock_is_paused_no_step_can_be_completed()
    {
        var history = Accepted().Then(new DossierCommand.RequestPayment(1, "Phí"), Police);
        var state = Given(history);

        NextActions.ForTask(state, state.Tasks["check"], Police).ShouldBe([A.Acknowledge]);
        For(history, Desk).ShouldBe([A.Payment, A.Withdrawal, A.Stop]);
    }

    [Fact]
    public void the_pickup_centre_returns_the_result()
    {
        var resolved = Accepted().Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police);

        For(resolved, Desk).ShouldBe([A.Return]);
        For(resolved, OtherDesk).ShouldBeEmpty();
    }

    [Fact]
    public void every_action_the_status_allows_has_a_rule()
    {
        foreach (var actor in new[] { Desk, Police, Insurance, OtherDesk, Controller, Auditor })
            Should.NotThrow(() => For(Accepted(), actor));
    }
}
