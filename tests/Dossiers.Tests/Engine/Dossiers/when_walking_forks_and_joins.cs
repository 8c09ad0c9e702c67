using System.Text.Json.Nodes;
using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_walking_forks_and_joins
{
    private static readonly DossierCommand.CompleteTask PoliceDone = new("police", "Done", null);
    private static readonly DossierCommand.CompleteTask InsuranceDone = new("insurance", "Done", null);

    /// <summary>Check done at Mon 02/03 09:15: police due Wed 04/03 09:15, insurance due Tue 03/03 09:15.</summary>
    private static List<object> AtTheFork(WorkflowDefinition? workflow = null, string? data = null) =>
        Accepted(data, workflow).Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: workflow);

    [Fact]
    public void wait_all_a_first_branch_arrives_but_the_join_keeps_waiting()
    {
        var events = When(AtTheFork(), PoliceDone, Police, at: At(2, 3, 10, 0));

        events.ShouldBeEvents(
            // The police step follows the check at the same agency: no hand-over, so nothing to acknowledge.
            new TaskCompleted(Id, "police", "police", "P1", "Done", null, At(4, 3, 9, 15), Timeliness.Early, Police, At(2, 3, 10, 0)),
            new JoinArrived(Id, "join", "police", At(2, 3, 10, 0)));
        var state = Given(AtTheFork(), events);
        state.Status.ShouldBe(DossierStatus.InProcess);
        state.JoinArrivals["join"].ShouldBe(["police"]);
        state.Tasks.Keys.ShouldBe(["insurance"]);
    }

    [Fact]
    public void wait_all_the_last_branch_completes_the_join_and_the_result_is_ready()
    {
        var history = AtTheFork().Then(PoliceDone, Police, at: At(2, 3, 10, 0));

        var events = When(history, InsuranceDone, Insurance, at: At(3, 3, 9, 0));

        var at = At(3, 3, 9, 0);
        events.ShouldBeEvents(
            new TaskAcknowledged(Id, "insurance", "S1", Insurance, at),
            new TaskCompleted(Id, "insurance", "insurance", "S1", "Done", null, At(3, 3, 9, 15), Timeliness.OnTime, Insurance, at),
            new JoinArrived(Id, "join", "insurance", at),
            new JoinCompleted(Id, "join", ["police", "insurance"], at),
            new ResultReady(Id, "result", ResultKind.Granted, At(9, 3, 9, 15), Timeliness.Early, at, At(9, 3, 9, 15), Timeliness.Early, TimeSpan.FromHours(7.75)));
        var state = Given(history, events);
        state.Status.ShouldBe(DossierStatus.Resolved);
        DvcqgStatus.Of(state.Status).ShouldBe(9);
        state.Result.ShouldBe(ResultKind.Granted);
        state.ResolvedAt.ShouldBe(at);
        state.JoinArrivals.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(6, 9, 0, Timeliness.Early)]
    [InlineData(9, 9, 15, Timeliness.OnTime)]
    [InlineData(9, 9, 16, Timeliness.Late)]
    public void the_result_is_classified_against_the_dossier_due_time(int day, int hour, int minute, Timeliness expected)
    {
        var history = AtTheFork().Then(PoliceDone, Police, at: At(2, 3, 10, 0));

        var ready = When(history, InsuranceDone, Insurance, at: At(day, 3, hour, minute)).Single<ResultReady>();

        ready.DueAt.ShouldBe(At(9, 3, 9, 15));
        ready.Timeliness.ShouldBe(expected);
    }

    [Fact]
    public void wait_any_the_first_branch_completes_the_join_and_the_other_open_task_is_cancelled()
    {
        var workflow = WaitAny();
        var history = AtTheFork(workflow);

        var events = When(history, PoliceDone, Police, at: At(2, 3, 10, 0), workflow: workflow);

        var at = At(2, 3, 10, 0);
        events.ShouldBeEvents(
            new TaskCompleted(Id, "police", "police", "P1", "Done", null, At(4, 3, 9, 15), Timeliness.Early, Police, at),
            new JoinArrived(Id, "join", "police", at),
            new TaskCancelled(Id, "insurance", "another branch completed join 'join'", at),
            new JoinCompleted(Id, "join", ["police"], at),
            new ResultReady(Id, "result", ResultKind.Granted, At(9, 3, 9, 15), Timeliness.Early, at, At(9, 3, 9, 15), Timeliness.Early, TimeSpan.FromHours(0.75)));
        Given(history, events).Tasks.ShouldBeEmpty();
    }

    [Fact]
    public void wait_any_lets_the_flow_through_once_and_continues_after_the_join()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("join")["mode"] = "WaitAny";
        definition.Activities().Add(JsonNode.Parse("""{ "id": "issue", "type": "Dossier.Task", "agency": "D1", "title": "Trả kết quả", "budget": { "amount": 1, "unit": "WorkingDays" } }"""));
        definition.RemoveConnection("join", "Done");
        definition.Connect("join", "Done", "issue");
        definition.Connect("issue", "Done", "result");
        var workflow = Load(definition.ToJsonString());
        var history = AtTheFork(workflow);

        var events = When(history, InsuranceDone, Insurance, at: At(2, 3, 10, 0), workflow: workflow);

        events.Single<TaskCancelled>().TaskId.ShouldBe("police");
        events.Single<TaskActivated>().ShouldBe(new TaskActivated(Id, "issue", "issue", "D1", "officer", "Trả kết quả", Budget.WorkingDays(1),
            At(3, 3, 10, 0), Calendar.Version, new HandOver("S1", "officer.chi", "insurance"), At(2, 3, 10, 0)));
        var state = Given(history, events);
        state.CompletedJoins.ShouldContain("join");
        state.Tasks.Keys.ShouldBe(["issue"]);
        state.Status.ShouldBe(DossierStatus.InProcess);
    }

    [Fact]
    public void a_join_does_not_wait_for_a_branch_whose_decision_skipped_its_task()
    {
        var workflow = InsuranceOnlyWhenInsured();
        var history = Accepted("""{ "insured": false }""", workflow);

        var atFork = When(history, new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: workflow);

        atFork.Skip(2).ShouldBeEvents(
            new DecisionTaken(Id, "needs", "False", Now),
            new ForkActivated(Id, "fork", ["Police", "Insurance"], "join", Now),
            new TaskActivated(Id, "police", "police", "P1", "officer", "Đăng ký", Budget.WorkingDays(2), At(4, 3, 9, 15), Calendar.Version, null, Now),
            new DecisionTaken(Id, "insured", "False", Now),
            new JoinArrived(Id, "join", "insured", Now));
        history.AddRange(atFork);

        var events = When(history, PoliceDone, Police, at: At(2, 3, 10, 0), workflow: workflow);

        var at = At(2, 3, 10, 0);
        events.Skip(1).ShouldBeEvents(
            new JoinArrived(Id, "join", "police", at),
            new JoinCompleted(Id, "join", ["insured", "police"], at),
            new ResultReady(Id, "result", ResultKind.Granted, At(9, 3, 9, 15), Timeliness.Early, at, At(9, 3, 9, 15), Timeliness.Early, TimeSpan.FromHours(0.75)));
    }

    [Fact]
    public void a_join_still_waits_for_a_branch_whose_decision_took_its_task()
    {
        var workflow = InsuranceOnlyWhenInsured();
        var history = Accepted("""{ "insured": true }""", workflow)
            .Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: workflow);
        history.OfType<DecisionTaken>().Last().ShouldBe(new DecisionTaken(Id, "insured", "True", Now));

        var events = When(history, PoliceDone, Police, at: At(2, 3, 10, 0), workflow: workflow);

        events.OfType<JoinCompleted>().ShouldBeEmpty();
        history.AddRange(events);
        When(history, InsuranceDone, Insurance, at: At(2, 3, 11, 0), workflow: workflow).Single<JoinCompleted>().Arrived.ShouldBe(["police", "insurance"]);
    }

    [Fact]
    public void the_check_refused_ends_in_a_rejection()
    {
        var events = When(Accepted(), new DossierCommand.CompleteTask("check", "Refuse", "Không đủ điều kiện"), Police);

        events.ShouldBeEvents(
            new TaskAcknowledged(Id, "check", "P1", Police, Now),
            new TaskCompleted(Id, "check", "check", "P1", "Refuse", "Không đủ điều kiện", At(3, 3, 9, 15), Timeliness.Early, Police, Now),
            new ResultReady(Id, "reject", ResultKind.Rejected, At(9, 3, 9, 15), Timeliness.Early, Now, At(9, 3, 9, 15), Timeliness.Early, TimeSpan.Zero));
        var state = Given(Accepted(), events);
        state.Status.ShouldBe(DossierStatus.Resolved);
        state.Result.ShouldBe(ResultKind.Rejected);
    }

    [Fact]
    public void a_rejection_inside_a_branch_cancels_the_other_branch()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("police")["outcomes"] = new JsonArray("Done", "Refuse");
        definition.Connect("police", "Refuse", "reject");
        var workflow = Load(definition.ToJsonString());
        var history = AtTheFork(workflow);

        var events = When(history, new DossierCommand.CompleteTask("police", "Refuse", null), Police, at: At(2, 3, 10, 0), workflow: workflow);

        events.Skip(1).ShouldBeEvents(
            new TaskCancelled(Id, "insurance", "the dossier reached its result", At(2, 3, 10, 0)),
            new ResultReady(Id, "reject", ResultKind.Rejected, At(9, 3, 9, 15), Timeliness.Early, At(2, 3, 10, 0), At(9, 3, 9, 15), Timeliness.Early, TimeSpan.FromHours(0.75)));
    }

    private static WorkflowDefinition WaitAny()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("join")["mode"] = "WaitAny";
        return Load(definition.ToJsonString());
    }

    /// <summary>Branch Insurance: a decision whose True port goes through the insurance task and whose False port goes straight to the join.</summary>
    private static WorkflowDefinition InsuranceOnlyWhenInsured()
    {
        var definition = TestDefinitions.Valid();
        definition.Activities().Add(JsonNode.Parse("""{ "id": "insured", "type": "Elsa.FlowDecision", "condition": "dossier.data.insured === true" }"""));
        definition.RemoveConnection("fork", "Insurance");
        definition.Connect("fork", "Insurance", "insured");
        definition.Connect("insured", "True", "insurance");
        definition.Connect("insured", "False", "join");
        return Load(definition.ToJsonString());
    }
}
