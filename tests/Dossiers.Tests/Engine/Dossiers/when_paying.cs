using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_paying
{
    /// <summary>intake → check (Ok/Refuse) → pay (S1) → Paid → result, or → issue (S1) → result; Refuse → reject.</summary>
    internal static WorkflowDefinition Paying(bool thenIssue = false) => Load(PayingDefinition(thenIssue).ToJsonString());

    internal static System.Text.Json.Nodes.JsonObject PayingDefinition(bool thenIssue = false)
    {
        var definition = Paid(thenIssue ? "issue" : "result");
        if (!thenIssue)
        {
            definition.RemoveConnection("issue", "Done");
            definition.Activities().Remove(definition.Activity("issue"));
        }
        return definition;
    }

    private static System.Text.Json.Nodes.JsonObject Paid(string next) => System.Text.Json.Nodes.JsonNode.Parse($$"""
    {
      "definitionId": "9.999999-pay", "version": 1, "name": "Thử nghiệm thu phí",
      "customProperties": { "procedure": { "code": "9.999999", "name": "Thử nghiệm thu phí", "level": "commune",
                                           "legalTime": { "amount": 5, "unit": "WorkingDays" } } },
      "root": { "type": "Elsa.Flowchart", "version": 1, "id": "flow",
        "activities": [
          { "id": "intake", "type": "Dossier.Intake", "agency": "D1" },
          { "id": "check", "type": "Dossier.Task", "agency": "P1", "title": "Kiểm tra", "budget": { "amount": 1, "unit": "WorkingDays" }, "outcomes": ["Ok", "Refuse"] },
          { "id": "pay", "type": "Dossier.AwaitPayment", "agency": "S1" },
          { "id": "issue", "type": "Dossier.Task", "agency": "S1", "title": "Cấp thẻ", "budget": { "amount": 1, "unit": "WorkingDays" } },
          { "id": "result", "type": "Dossier.Result" },
          { "id": "reject", "type": "Dossier.Reject" }
        ],
        "connections": [
          { "source": { "activity": "intake", "port": "Accepted" }, "target": { "activity": "check", "port": "In" } },
          { "source": { "activity": "check", "port": "Ok" }, "target": { "activity": "pay", "port": "In" } },
          { "source": { "activity": "check", "port": "Refuse" }, "target": { "activity": "reject", "port": "In" } },
          { "source": { "activity": "pay", "port": "Paid" }, "target": { "activity": "{{next}}", "port": "In" } },
          { "source": { "activity": "issue", "port": "Done" }, "target": { "activity": "result", "port": "In" } }
        ] } }
    """)!.AsObject();

    [Fact]
    public void reaching_the_payment_step_notifies_the_obligation_and_stops_the_clock()
    {
        var workflow = Paying();
        var at = At(2, 3, 10, 15);

        var events = When(Accepted(workflow: workflow), new DossierCommand.CompleteTask("check", "Ok", null), Police, at: at, workflow: workflow);

        // Due Mon 09/03 09:15; an hour of the 40 has run.
        events.Skip(2).ShouldBeEvents(
            new PaymentRequested(Id, "pay", "S1", null, "Thực hiện nghĩa vụ tài chính", new Actor("officer.binh", "workflow", "P1"), at),
            new ClockPaused(Id, PauseReason.Payment, TimeSpan.FromHours(39), new Dictionary<string, TimeSpan>(), at, TimeSpan.FromHours(39)));
        var state = Given(Accepted(workflow: workflow), events);
        state.Status.ShouldBe(DossierStatus.AwaitingPayment);
        DvcqgStatus.Of(state.Status).ShouldBe(6);
        state.AwaitingPaymentActivity.ShouldBe("pay");
        DossierDecider.AllowedActions(state).ShouldBe([DossierActions.Payment, DossierActions.Withdrawal, DossierActions.Stop, DossierActions.Migrate]);
    }

    [Fact]
    public void the_payment_resumes_the_clock_and_the_flow_continues_from_the_paid_port_to_the_result()
    {
        var workflow = Paying();
        var history = Accepted(workflow: workflow).Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(2, 3, 10, 15), workflow: workflow);
        var at = At(4, 3, 10, 15);

        var events = When(history, new DossierCommand.RecordPayment("Biên lai 0012"), Insurance, at: at, workflow: workflow);

        // Two working days paused: Mon 09/03 09:15 becomes Wed 11/03 09:15.
        events.ShouldBeEvents(
            new PaymentReceived(Id, "Biên lai 0012", Insurance, at),
            new ClockResumed(Id, PauseReason.Payment, At(11, 3, 9, 15), new Dictionary<string, DateTimeOffset>(), TimeSpan.FromDays(2), Calendar.Version, at, At(11, 3, 9, 15), TimeSpan.FromHours(16)),
            new ResultReady(Id, "result", ResultKind.Granted, At(11, 3, 9, 15), Timeliness.Early, at, At(11, 3, 9, 15), Timeliness.Early, TimeSpan.FromHours(1)));
        var state = Given(history, events);
        state.Status.ShouldBe(DossierStatus.Resolved);
        state.AwaitingPaymentActivity.ShouldBeNull();
    }

    [Fact]
    public void the_payment_hands_the_dossier_to_the_next_task()
    {
        var workflow = Paying(thenIssue: true);
        var history = Accepted(workflow: workflow).Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(2, 3, 10, 15), workflow: workflow);
        var at = At(4, 3, 10, 15);

        var events = When(history, new DossierCommand.RecordPayment(null), Desk, at: at, workflow: workflow);

        events.Skip(2).ShouldBeEvents(
            new TaskActivated(Id, "issue", "issue", "S1", "officer", "Cấp thẻ", Budget.WorkingDays(1), At(5, 3, 10, 15), Calendar.Version,
                new HandOver("D1", "desk.lan", null), at));
        Given(history, events).Status.ShouldBe(DossierStatus.InProcess);
    }

    /// <summary>The fee is paid (branch Pay) while insurance works (branch Insurance); the join waits for both.</summary>
    private static WorkflowDefinition PayingInParallel(bool payFirst)
    {
        var definition = TestDefinitions.Valid();
        definition.Activities().Add(System.Text.Json.Nodes.JsonNode.Parse("""{ "id": "pay", "type": "Dossier.AwaitPayment", "agency": "S1" }"""));
        definition.Activity("fork")["branches"] = payFirst
            ? new System.Text.Json.Nodes.JsonArray("Pay", "Insurance")
            : new System.Text.Json.Nodes.JsonArray("Insurance", "Pay");
        definition.RemoveConnection("fork", "Police");
        definition.RemoveConnection("police", "Done");
        definition.Activities().Remove(definition.Activity("police"));
        definition.Connect("fork", "Pay", "pay");
        definition.Connect("pay", "Paid", "join");
        return Load(definition.ToJsonString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void a_task_activated_beside_a_payment_step_has_its_clock_stopped_too(bool payFirst)
    {
        var workflow = PayingInParallel(payFirst);
        var history = Accepted(workflow: workflow)
            .Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(2, 3, 10, 15), workflow: workflow);
        history.Single<TaskActivated>(t => t.TaskId == "insurance").DueAt.ShouldBe(At(3, 3, 10, 15));
        Given(history).Status.ShouldBe(DossierStatus.AwaitingPayment);
        history.Single<ClockPaused>().TaskRemaining["insurance"].ShouldBe(TimeSpan.FromHours(8));

        var events = When(history, new DossierCommand.RecordPayment(null), Desk, at: At(4, 3, 10, 15), workflow: workflow);

        // Insurance could not work while the clock stood still (it cannot complete then): its whole day is still left.
        events.Single<ClockResumed>().TaskDueAt["insurance"].ShouldBe(At(5, 3, 10, 15));
        events.Single<JoinArrived>().FromActivityId.ShouldBe("pay");
        history.AddRange(events);
        Given(history).Tasks["insurance"].DueAt.ShouldBe(At(5, 3, 10, 15));
        When(history, new DossierCommand.CompleteTask("insurance", "Done", null), Insurance, at: At(5, 3, 9, 0), workflow: workflow)
            .Single<TaskCompleted>().Timeliness.ShouldBe(Timeliness.OnTime);
    }

    [Fact]
    public void no_task_can_be_completed_while_the_payment_is_awaited()
    {
        var workflow = Paying();
        var history = Accepted(workflow: workflow)
            .Then(new DossierCommand.RequestPayment(50_000, "Lệ phí"), Police, workflow: workflow);

        Rejected(history, new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: workflow).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void an_ad_hoc_request_pauses_the_clock_with_the_open_task_and_is_allowed_by_default()
    {
        var at = At(2, 3, 10, 15);

        var events = When(Accepted(), new DossierCommand.RequestPayment(150_000, "Lệ phí cấp thẻ"), Police, at: at);

        Workflow.Procedure.Pauses.Payment.ShouldBeTrue();
        events.ShouldBeEvents(
            new PaymentRequested(Id, null, "P1", 150_000, "Lệ phí cấp thẻ", Police, at),
            new ClockPaused(Id, PauseReason.Payment, TimeSpan.FromHours(39), new Dictionary<string, TimeSpan> { ["check"] = TimeSpan.FromHours(7) }, at, TimeSpan.FromHours(39)));
        Given(Accepted(), events).AwaitingPaymentActivity.ShouldBeNull();
    }

    [Fact]
    public void an_ad_hoc_payment_resumes_the_clock_and_moves_no_step()
    {
        var history = Accepted().Then(new DossierCommand.RequestPayment(150_000, "Lệ phí cấp thẻ"), Police, at: At(2, 3, 10, 15));
        var at = At(4, 3, 10, 15);

        var events = When(history, new DossierCommand.RecordPayment(null), Desk, at: at);

        events.ShouldBeEvents(
            new PaymentReceived(Id, null, Desk, at),
            new ClockResumed(Id, PauseReason.Payment, At(11, 3, 9, 15), new Dictionary<string, DateTimeOffset> { ["check"] = At(5, 3, 9, 15) },
                TimeSpan.FromDays(2), Calendar.Version, at, At(11, 3, 9, 15), TimeSpan.FromHours(16)));
        var state = Given(history, events);
        state.Status.ShouldBe(DossierStatus.Received);
        state.Tasks["check"].DueAt.ShouldBe(At(5, 3, 9, 15));
    }

    [Fact]
    public void the_desk_requests_a_payment_in_the_name_of_its_own_agency()
    {
        When(Accepted(), new DossierCommand.RequestPayment(null, "Phí"), Desk).Single<PaymentRequested>().Agency.ShouldBe("D1");
    }

    [Fact]
    public void rejects_a_request_when_the_procedure_has_no_payment_pause()
    {
        var definition = TestDefinitions.Valid();
        definition["customProperties"]!["procedure"]!["pauses"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "payment": false }""");
        var workflow = Load(definition.ToJsonString());

        Rejected(Accepted(workflow: workflow), new DossierCommand.RequestPayment(1, "Phí"), Police, workflow: workflow).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void forbids_an_officer_whose_agency_holds_no_open_step()
    {
        Rejected(Accepted(), new DossierCommand.RequestPayment(1, "Phí"), Insurance).Kind.ShouldBe(RejectionKind.Forbidden);
    }

    [Fact]
    public void rejects_a_request_before_the_dossier_is_received()
    {
        Rejected(Submitted(), new DossierCommand.RequestPayment(1, "Phí"), Desk).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void rejects_a_payment_nobody_asked_for()
    {
        Rejected(Accepted(), new DossierCommand.RecordPayment(null), Desk).Kind.ShouldBe(RejectionKind.Conflict);
    }
}
