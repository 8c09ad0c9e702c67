using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_requesting_supplements
{
    private static readonly IReadOnlyList<string> Items = ["Bản sao CCCD", "Giấy khai sinh"];
    private static DossierCommand.RequestSupplement Request(bool acknowledgeViolation = false) => new(Items, "Thiếu giấy tờ", acknowledgeViolation);

    [Fact]
    public void at_intake_the_applicant_is_guided_without_pausing_any_clock()
    {
        var events = When(Submitted(), Request(), Desk);

        events.ShouldBeEvents(new SupplementRequested(Id, Items, "Thiếu giấy tờ", AtIntake: true, RequestNumber: 0, Desk, Now));
        var state = Given(Submitted(), events);
        state.Status.ShouldBe(DossierStatus.AwaitingSupplement);
        DvcqgStatus.Of(state.Status).ShouldBe(5);
        state.SupplementAtIntake.ShouldBeTrue();
        state.Pause.ShouldBeNull();
        state.SupplementRequests.ShouldBe(0);
        DossierDecider.AllowedActions(state).ShouldBe([DossierActions.Supplement, DossierActions.Refuse, DossierActions.Withdrawal, DossierActions.Stop]);
    }

    [Fact]
    public void at_intake_the_applicant_is_guided_only_once()
    {
        var history = new List<object>(Submitted()).Then(Request(), Desk).Then(new DossierCommand.ReceiveSupplement(null), Desk);

        Rejected(history, Request(), Desk).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void at_intake_the_supplement_brings_the_dossier_back_to_the_desk()
    {
        var history = new List<object>(Submitted()).Then(Request(), Desk);

        var events = When(history, new DossierCommand.ReceiveSupplement("Đã nộp đủ"), Desk, at: At(4, 3, 8, 0));

        events.ShouldBeEvents(new SupplementReceived(Id, "Đã nộp đủ", Desk, At(4, 3, 8, 0)));
        var state = Given(history, events);
        state.Status.ShouldBe(DossierStatus.Submitted);
        state.SupplementAtIntake.ShouldBeFalse();
    }

    [Fact]
    public void during_processing_the_clock_pauses_with_the_remaining_time_of_the_dossier_and_of_each_task()
    {
        var at = At(2, 3, 15, 0);

        var events = When(Accepted(), Request(), Police, at: at);

        // Due Mon 09/03 09:15, check due Tue 03/03 09:15; from Mon 15:00: 2 h + 4 × 8 h + 2.25 h, and 2 h + 2.25 h.
        events.ShouldBeEvents(
            new SupplementRequested(Id, Items, "Thiếu giấy tờ", AtIntake: false, RequestNumber: 1, Police, at),
            new ClockPaused(Id, PauseReason.Supplement, TimeSpan.FromHours(36.25),
                new Dictionary<string, TimeSpan> { ["check"] = TimeSpan.FromHours(4.25) }, at, TimeSpan.FromHours(36.25)));
        var state = Given(Accepted(), events);
        state.Status.ShouldBe(DossierStatus.AwaitingSupplement);
        DvcqgStatus.Of(state.Status).ShouldBe(5);
        state.SupplementRequests.ShouldBe(1);
        state.Pause!.Reason.ShouldBe(PauseReason.Supplement);
    }

    [Fact]
    public void every_open_task_keeps_its_own_remaining_time()
    {
        var history = Accepted().Then(new DossierCommand.CompleteTask("check", "Ok", null), Police);

        var paused = When(history, Request(), Insurance, at: At(2, 3, 15, 0)).Single<ClockPaused>();

        // Police due Wed 04/03 09:15 (2 + 8 + 2.25 h left), insurance Tue 03/03 09:15 (2 + 2.25 h left).
        paused.TaskRemaining.ShouldBe(new Dictionary<string, TimeSpan>
        {
            ["insurance"] = TimeSpan.FromHours(4.25),
            ["police"] = TimeSpan.FromHours(12.25),
        }, ignoreOrder: true);
    }

    [Fact]
    public void the_supplement_resumes_the_clock_from_the_receipt_with_the_frozen_remaining_time()
    {
        var history = Accepted().Then(Request(), Police, at: At(2, 3, 15, 0));
        var at = At(6, 3, 16, 0);   // a Friday: the remaining time runs across the weekend

        var events = When(history, new DossierCommand.ReceiveSupplement(null), Desk, at: at);

        // Fri 16:00 + 36.25 h = Fri 13/03 10:15; the check: Fri 16:00 + 4.25 h = Mon 09/03 10:15.
        events.ShouldBeEvents(
            new SupplementReceived(Id, null, Desk, at),
            new ClockResumed(Id, PauseReason.Supplement, At(13, 3, 10, 15),
                new Dictionary<string, DateTimeOffset> { ["check"] = At(9, 3, 10, 15) }, at - At(2, 3, 15, 0), Calendar.Version, at, At(13, 3, 10, 15), TimeSpan.FromHours(33)));
        var state = Given(history, events);
        state.DueAt.ShouldBe(At(13, 3, 10, 15));
        state.OriginalDueAt.ShouldBe(At(9, 3, 9, 15));
        state.Tasks["check"].DueAt.ShouldBe(At(9, 3, 10, 15));
        state.Pause.ShouldBeNull();
        state.Status.ShouldBe(DossierStatus.Received);   // nobody has taken the dossier yet
    }

    [Fact]
    public void a_task_completed_after_the_pause_is_measured_against_its_moved_due_time()
    {
        var history = Accepted()
            .Then(Request(), Police, at: At(2, 3, 15, 0))
            .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: At(6, 3, 16, 0));

        var completed = When(history, new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(9, 3, 10, 0)).Single<TaskCompleted>();

        completed.DueAt.ShouldBe(At(9, 3, 10, 15));
        completed.Timeliness.ShouldBe(Timeliness.OnTime);
    }

    [Fact]
    public void the_dossier_is_back_in_process_when_an_agency_had_taken_it()
    {
        var history = Accepted()
            .Then(new DossierCommand.CompleteTask("check", "Ok", null), Police)
            .Then(Request(), Police, at: At(2, 3, 15, 0))
            .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: At(3, 3, 9, 0));

        Given(history).Status.ShouldBe(DossierStatus.InProcess);
    }

    [Fact]
    public void a_second_request_during_processing_is_refused_unless_the_violation_is_acknowledged()
    {
        var history = SupplementedOnce();

        var rejected = Rejected(history, Request(), Police, at: At(9, 3, 10, 0));

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.Field.ShouldBe("acknowledgeViolation");
    }

    [Fact]
    public void a_second_request_with_the_violation_acknowledged_is_recorded_and_counts_the_dossier_late()
    {
        var history = SupplementedOnce();
        var at = At(9, 3, 10, 0);

        var events = When(history, Request(acknowledgeViolation: true), Police, at: at);

        events.Count.ShouldBe(3);
        var violation = events[0].ShouldBeOfType<RuleViolationRecorded>();
        violation.Rule.ShouldBe("single-supplement-request");
        violation.RecordedBy.ShouldBe(Police);
        violation.RecordedAt.ShouldBe(at);
        events.Skip(1).Take(1).ShouldBeEvents(new SupplementRequested(Id, Items, "Thiếu giấy tờ", AtIntake: false, RequestNumber: 2, Police, at));
        // Due Fri 13/03 10:15 from Mon 09/03 10:00: 5 + 24 + 3.25 h; the check due Mon 09/03 10:15: 0.25 h.
        events.Skip(2).ShouldBeEvents(new ClockPaused(Id, PauseReason.Supplement, TimeSpan.FromHours(32.25),
            new Dictionary<string, TimeSpan> { ["check"] = TimeSpan.FromMinutes(15) }, at, TimeSpan.FromHours(32.25)));
        var state = Given(history, events);
        state.LateForScoring.ShouldBeTrue();
        state.SupplementRequests.ShouldBe(2);
    }

    [Fact]
    public void a_first_request_does_not_count_the_dossier_late()
    {
        Given(SupplementedOnce()).LateForScoring.ShouldBeFalse();
    }

    [Fact]
    public void forbids_an_officer_whose_agency_holds_no_open_step()
    {
        Rejected(Accepted(), Request(), Insurance).Kind.ShouldBe(RejectionKind.Forbidden);
    }

    [Fact]
    public void the_desk_may_request_it_on_behalf_of_the_agencies()
    {
        When(Accepted(), Request(), Desk).Single<SupplementRequested>().RequestedBy.ShouldBe(Desk);
    }

    [Fact]
    public void rejects_a_request_while_one_is_already_awaited()
    {
        var history = Accepted().Then(Request(), Police);

        Rejected(history, Request(acknowledgeViolation: true), Police).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void rejects_a_receipt_when_nothing_is_awaited()
    {
        var rejected = Rejected(Accepted(), new DossierCommand.ReceiveSupplement(null), Desk);

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.AllowedActions.ShouldNotContain(DossierActions.Supplement);
    }

    [Fact]
    public void rejects_a_request_after_the_result_is_ready()
    {
        var history = Accepted().Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police);

        Rejected(history, Request(), Desk).AllowedActions.ShouldBe([DossierActions.Return]);
    }

    /// <summary>Requested Mon 02/03 15:00, received Fri 06/03 16:00: due Fri 13/03 10:15, check due Mon 09/03 10:15.</summary>
    private static List<object> SupplementedOnce() => Accepted()
        .Then(Request(), Police, at: At(2, 3, 15, 0))
        .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: At(6, 3, 16, 0));
}
