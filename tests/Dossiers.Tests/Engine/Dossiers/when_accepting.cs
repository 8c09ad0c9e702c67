using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_accepting
{
    [Fact]
    public void issues_the_code_and_the_due_time_and_hands_the_dossier_over_to_the_first_task()
    {
        var events = When(Submitted(), new DossierCommand.Accept(1), Desk);

        // Mon 02/03/2026 09:15 + 5 working days = Mon 09/03 09:15; the check's 1 working day = Tue 03/03 09:15.
        events.ShouldBeEvents(
            new DossierAccepted(Id, "D1-260302-0001", "D1", 1, Budget.WorkingDays(5), At(9, 3, 9, 15), Calendar.Version, Desk, Now,
                Routing, "C1", "test"),
            new TaskActivated(Id, "check", "check", "P1", "officer", "Kiểm tra", Budget.WorkingDays(1), At(3, 3, 9, 15),
                Calendar.Version, new HandOver("D1", "desk.lan", null), Now));
    }

    // Every step of the test workflow names a fixed unit, resolved (as itself) once, at acceptance.
    private static readonly Dictionary<string, string> Routing = new()
    {
        ["check"] = "P1", ["insurance"] = "S1", ["intake"] = "D1", ["police"] = "P1", ["verify"] = "P1",
    };

    [Fact]
    public void the_first_task_is_activated_with_its_budget_due_and_a_hand_over_from_the_desk()
    {
        var activated = When(Submitted(), new DossierCommand.Accept(1), Desk).Single<TaskActivated>();

        activated.ShouldBe(new TaskActivated(Id, "check", "check", "P1", "officer", "Kiểm tra", Budget.WorkingDays(1),
            At(3, 3, 9, 15), Calendar.Version, new HandOver("D1", "desk.lan", null), Now));
    }

    [Fact]
    public void numbers_the_code_with_the_desk_register_number_of_the_day()
    {
        var accepted = When(Submitted(), new DossierCommand.Accept(42), Desk).Single<DossierAccepted>();

        accepted.Code.ShouldBe("D1-260302-0042");
        accepted.RegisterNumber.ShouldBe(42);
        accepted.ReceivingAgency.ShouldBe("D1");
    }

    [Fact]
    public void dates_the_code_in_vietnam_time_and_counts_a_night_acceptance_from_the_next_opening()
    {
        // 20:00 UTC on Sunday 01/03 is 03:00 on Monday 02/03 in Hà Nội.
        var accepted = When(Submitted(), new DossierCommand.Accept(7), Desk, at: new DateTimeOffset(2026, 3, 1, 20, 0, 0, TimeSpan.Zero))
            .Single<DossierAccepted>();

        accepted.Code.ShouldBe("D1-260302-0007");
        accepted.AcceptedAt.ShouldBe(At(2, 3, 3, 0));
        accepted.AcceptedAt.Offset.ShouldBe(TimeSpan.FromHours(7));
        // 40 working hours from Mon 07:00 run out exactly at Fri 06/03 17:00, a closing time.
        accepted.DueAt.ShouldBe(At(6, 3, 17, 0));
    }

    [Fact]
    public void counts_the_legal_time_across_a_weekend()
    {
        var accepted = When(Submitted(), new DossierCommand.Accept(1), Desk, at: At(5, 3, 14, 0)).Single<DossierAccepted>();

        // Thu 05/03 14:00: 3 h on Thursday, 8 on Friday, Mon–Wed 24 h, then 5 h on Thu 12/03: 4.5 h to noon, 0.5 h after 13:30.
        accepted.DueAt.ShouldBe(At(12, 3, 14, 0));
    }

    [Fact]
    public void the_dossier_is_received_and_keeps_its_first_appointment()
    {
        var state = Given(Accepted());

        state.Status.ShouldBe(DossierStatus.Received);
        DvcqgStatus.Of(state.Status).ShouldBe(2);
        state.Code.ShouldBe("D1-260302-0001");
        state.DueAt.ShouldBe(At(9, 3, 9, 15));
        state.OriginalDueAt.ShouldBe(At(9, 3, 9, 15));
        state.Started.ShouldBeFalse();
        state.Tasks.Keys.ShouldBe(["check"]);
        state.Tasks["check"].Acknowledged.ShouldBeFalse();
    }

    [Fact]
    public void no_hand_over_when_the_desk_agency_does_the_first_task_itself()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("check")["agency"] = "D1";
        var workflow = Load(definition.ToJsonString());

        var activated = When(Submitted(workflow: workflow), new DossierCommand.Accept(1), Desk, workflow: workflow).Single<TaskActivated>();

        activated.Agency.ShouldBe("D1");
        activated.HandOver.ShouldBeNull();
        Given(Submitted(workflow: workflow), [activated]).Tasks["check"].Acknowledged.ShouldBeTrue();
    }

    [Fact]
    public void rejects_a_second_acceptance_with_the_actions_allowed_instead()
    {
        var history = Accepted();

        var rejected = Rejected(history, new DossierCommand.Accept(2), Desk);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.AllowedActions.ShouldBe(DossierDecider.AllowedActions(Given(history)));
        rejected.AllowedActions.ShouldContain(DossierActions.Complete);
        rejected.AllowedActions.ShouldNotContain(DossierActions.Accept);
    }

    [Fact]
    public void rejects_an_acceptance_while_the_applicant_owes_an_intake_supplement()
    {
        var history = new List<object>(Submitted()).Then(new DossierCommand.RequestSupplement(["Bản sao CCCD"], "Thiếu giấy tờ", false), Desk);

        var rejected = Rejected(history, new DossierCommand.Accept(1), Desk);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.AllowedActions.ShouldContain(DossierActions.Supplement);
        rejected.AllowedActions.ShouldNotContain(DossierActions.Accept);
    }

    [Fact]
    public void accepts_once_the_intake_supplement_came_in()
    {
        var history = new List<object>(Submitted())
            .Then(new DossierCommand.RequestSupplement(["Bản sao CCCD"], "Thiếu giấy tờ", false), Desk)
            .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: At(3, 3, 8, 0));

        var accepted = When(history, new DossierCommand.Accept(3), Desk, at: At(3, 3, 8, 0)).Single<DossierAccepted>();

        accepted.Code.ShouldBe("D1-260303-0003");
        accepted.DueAt.ShouldBe(At(10, 3, 8, 0));
    }

    [Fact]
    public void a_dossier_that_was_never_submitted_is_not_found()
    {
        var rejected = Should.Throw<CommandRejected>(() => DossierDecider.Decide(null, new DossierCommand.Accept(1), Context(Desk)));

        rejected.Kind.ShouldBe(RejectionKind.NotFound);
    }
}
