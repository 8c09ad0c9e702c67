using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Engine.Dossiers;
using Dossiers.Tests.Engine.Workflows;

namespace Dossiers.Tests.Engine.Control;

/// <summary>
/// The pure feedback decider on the 2026 calendar. Received Wed 29/04/2026 10:00, the day before Thu 30/04 and Fri 01/05
/// (holidays) and the weekend of 02–03/05: Wednesday gives 5 office hours (10:00–11:30, 13:30–17:00), then Mon 04/05.
/// </summary>
public class when_deciding_on_citizen_feedback
{
    private static readonly Guid Id = new("0193f000-0000-7000-8000-0000000000fb");
    private static readonly DateTimeOffset Received = At(2026, 4, 29, 10, 0);
    private static readonly Actor Desk = new("desk.lan", "desk", TestDefinitions.Desk);
    private static readonly Actor Controller = new("control.hoa", "controller", null);
    private static readonly Actor Police = new("officer.binh", "officer", TestDefinitions.Police);
    private static readonly Actor System = new("system", "system", null);

    private static DateTimeOffset At(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.FromHours(7));

    private static FeedbackContext Context(Actor actor, DateTimeOffset now, FeedbackTimeLimits? limits = null) =>
        new(DossierSpec.Calendar, limits ?? FeedbackTimeLimits.Default, TestDefinitions.Agencies, actor, now);

    private static readonly FeedbackCommand.Receive Receive = new(Id, FeedbackChannel.Desk, null, null, "1.004194", TestDefinitions.Desk,
        "Hồ sơ chậm", "Tôi chưa nhận được kết quả.", new FeedbackContact("Nguyễn Văn An", "0912345678", null, null));

    private static List<object> History(params (FeedbackCommand Command, Actor Actor, DateTimeOffset At)[] steps)
    {
        var events = new List<object>(FeedbackDecider.Decide(null, Receive, Context(Desk, Received)));
        foreach (var (command, actor, at) in steps) events.AddRange(When(events, command, actor, at));
        return events;
    }

    private static IReadOnlyList<object> When(IEnumerable<object> history, FeedbackCommand command, Actor actor, DateTimeOffset at,
        FeedbackTimeLimits? limits = null) =>
        FeedbackDecider.Decide(FeedbackDecider.Fold(null, history), command, Context(actor, at, limits));

    private static CitizenFeedback State(IEnumerable<object> history) => FeedbackDecider.Fold(null, history)!;

    [Fact]
    public void the_refusal_window_ends_two_working_days_after_receipt_across_the_holidays_and_the_weekend()
    {
        // 16 h: Wed 5 h, Mon 04/05 8 h, the last 3 h on Tue 05/05 from 07:00.
        History().OfType<FeedbackReceived>().Single().RefuseBy.ShouldBe(At(2026, 5, 5, 10, 0));
    }

    [Fact]
    public void the_supplement_request_window_ends_five_working_days_after_receipt()
    {
        // 40 h: Wed 5, Mon 8, Tue 8, Wed 8, Thu 8 (37), the last 3 h on Fri 08/05.
        History().OfType<FeedbackReceived>().Single().SupplementRequestBy.ShouldBe(At(2026, 5, 8, 10, 0));
    }

    [Fact]
    public void the_resolution_is_due_fifteen_working_days_after_receipt()
    {
        // 120 h: Wed 5, then 14 whole days (04–08, 11–15, 18–21/05) = 117, the last 3 h on Fri 22/05.
        var received = History().OfType<FeedbackReceived>().Single();
        received.ResolveBy.ShouldBe(At(2026, 5, 22, 10, 0));
        received.CalendarVersion.ShouldBe(DossierSpec.Calendar.Version);
    }

    [Fact]
    public void the_answer_must_be_published_within_two_working_days_over_a_weekend()
    {
        // Answered Fri 08/05 16:00: Fri 1 h, Mon 11/05 8 h, the last 7 h on Tue 12/05 (07:00–11:30, 13:30–16:00).
        var answered = History((new FeedbackCommand.Assign(TestDefinitions.Police, null), Controller, At(2026, 5, 4, 8, 0)),
            (new FeedbackCommand.Answer("Kết quả đã có."), Police, At(2026, 5, 8, 16, 0))).OfType<FeedbackAnswered>().Single();
        answered.PublishBy.ShouldBe(At(2026, 5, 12, 16, 0));
        answered.Late.ShouldBeFalse();
    }

    [Fact]
    public void a_supplement_stops_the_resolution_clock_and_the_time_left_runs_from_the_supplement()
    {
        // Asked Mon 04/05 09:00 after 7 h (Wed 5, Mon 2): 113 h left. Brought Mon 11/05 07:00: 14 days (11–15, 18–22, 25–28/05) + 1 h.
        var history = History((new FeedbackCommand.RequestSupplement("Thiếu số hồ sơ"), Controller, At(2026, 5, 4, 9, 0)));
        history.OfType<FeedbackSupplementRequested>().Single().ResolveRemaining.ShouldBe(TimeSpan.FromHours(113));
        State(history).ResolveBy.ShouldBeNull();

        var supplemented = When(history, new FeedbackCommand.RecordSupplement("Đã bổ sung"), Desk, At(2026, 5, 11, 7, 0))
            .OfType<FeedbackSupplemented>().Single();
        supplemented.ResolveBy.ShouldBe(At(2026, 5, 29, 8, 0));
    }

    [Fact]
    public void the_limits_are_configurable()
    {
        var limits = FeedbackTimeLimits.Default with { Resolution = Budget.WorkingDays(10) };
        // 80 h: Wed 5, then 9 whole days (04–08, 11–14/05) = 77, the last 3 h on Fri 15/05.
        FeedbackDecider.Decide(null, Receive, Context(Desk, Received, limits)).OfType<FeedbackReceived>().Single().ResolveBy.ShouldBe(At(2026, 5, 15, 10, 0));
    }

    [Fact]
    public void a_refusal_at_its_due_instant_is_on_time_and_a_minute_later_is_late()
    {
        When(History(), new FeedbackCommand.Refuse("Không thuộc thẩm quyền"), Controller, At(2026, 5, 5, 10, 0)).OfType<FeedbackRefused>().Single().Late.ShouldBeFalse();
        When(History(), new FeedbackCommand.Refuse("Không thuộc thẩm quyền"), Controller, At(2026, 5, 5, 10, 1)).OfType<FeedbackRefused>().Single().Late.ShouldBeTrue();
    }

    [Fact]
    public void a_late_supplement_request_and_a_late_answer_are_marked()
    {
        var history = History((new FeedbackCommand.RequestSupplement("Thiếu"), Controller, At(2026, 5, 8, 10, 1)));
        history.OfType<FeedbackSupplementRequested>().Single().Late.ShouldBeTrue();
        var answered = History((new FeedbackCommand.Assign(TestDefinitions.Police, null), Controller, At(2026, 5, 4, 8, 0)),
            (new FeedbackCommand.Answer("Trả lời"), Police, At(2026, 5, 22, 10, 1)));
        answered.OfType<FeedbackAnswered>().Single().Late.ShouldBeTrue();
        State(answered).LateActs.ShouldBe([FeedbackDeadline.Resolution]);
    }

    [Fact]
    public void each_timer_records_its_miss_once_and_only_while_its_act_is_undone()
    {
        var history = History();
        var refusal = new FeedbackCommand.CheckDeadline(FeedbackDeadline.Refusal, At(2026, 5, 5, 10, 0));

        When(history, refusal, System, At(2026, 5, 5, 9, 59)).ShouldBeEmpty();   // early
        var missed = When(history, refusal, System, At(2026, 5, 5, 10, 0)).ShouldHaveSingleItem().ShouldBeOfType<FeedbackDeadlineMissed>();
        missed.Deadline.ShouldBe(FeedbackDeadline.Refusal);
        When([.. history, missed], refusal, System, At(2026, 5, 5, 11, 0)).ShouldBeEmpty();   // a duplicate

        var assigned = History((new FeedbackCommand.Assign(TestDefinitions.Police, null), Controller, At(2026, 5, 4, 8, 0)));
        When(assigned, refusal, System, At(2026, 5, 5, 10, 0)).ShouldBeEmpty();   // decided in time
        When(assigned, new FeedbackCommand.CheckDeadline(FeedbackDeadline.Resolution, At(2026, 5, 22, 10, 0)), System, At(2026, 5, 22, 10, 0))
            .ShouldHaveSingleItem().ShouldBeOfType<FeedbackDeadlineMissed>().Deadline.ShouldBe(FeedbackDeadline.Resolution);
    }

    [Fact]
    public void a_resolution_timer_for_a_due_time_a_supplement_moved_finds_nothing_and_a_paused_clock_is_never_missed()
    {
        var asked = History((new FeedbackCommand.RequestSupplement("Thiếu"), Controller, At(2026, 5, 4, 9, 0)));
        var oldDue = new FeedbackCommand.CheckDeadline(FeedbackDeadline.Resolution, At(2026, 5, 22, 10, 0));
        When(asked, oldDue, System, At(2026, 5, 22, 10, 0)).ShouldBeEmpty();
        var supplemented = History((new FeedbackCommand.RequestSupplement("Thiếu"), Controller, At(2026, 5, 4, 9, 0)),
            (new FeedbackCommand.RecordSupplement(null), Desk, At(2026, 5, 11, 7, 0)));
        When(supplemented, oldDue, System, At(2026, 5, 22, 10, 0)).ShouldBeEmpty();
        When(supplemented, new FeedbackCommand.CheckDeadline(FeedbackDeadline.Resolution, At(2026, 5, 29, 8, 0)), System, At(2026, 5, 29, 8, 0))
            .ShouldHaveSingleItem();
    }

    [Fact]
    public void a_publication_timer_marks_an_answer_left_unpublished()
    {
        var answered = History((new FeedbackCommand.Assign(TestDefinitions.Police, null), Controller, At(2026, 5, 4, 8, 0)),
            (new FeedbackCommand.Answer("Trả lời"), Police, At(2026, 5, 8, 16, 0)));
        var check = new FeedbackCommand.CheckDeadline(FeedbackDeadline.Publication, At(2026, 5, 12, 16, 0));
        When(answered, check, System, At(2026, 5, 12, 16, 0)).ShouldHaveSingleItem().ShouldBeOfType<FeedbackDeadlineMissed>();
        var published = When(answered, new FeedbackCommand.Publish(null, null), Controller, At(2026, 5, 12, 15, 0));
        When([.. answered, .. published], check, System, At(2026, 5, 12, 16, 0)).ShouldBeEmpty();
        published.OfType<FeedbackPublished>().Single().Question.ShouldBe("Hồ sơ chậm\nTôi chưa nhận được kết quả.");
    }

    [Fact]
    public void only_an_officer_of_the_assigned_agency_answers()
    {
        var assigned = History((new FeedbackCommand.Assign(TestDefinitions.Police, null), Controller, At(2026, 5, 4, 8, 0)));
        var other = new Actor("officer.chi", "officer", TestDefinitions.Insurance);
        Should.Throw<CommandRejected>(() => When(assigned, new FeedbackCommand.Answer("x"), other, At(2026, 5, 4, 9, 0))).Kind.ShouldBe(RejectionKind.Forbidden);
        Should.Throw<CommandRejected>(() => When(History(), new FeedbackCommand.Answer("x"), Police, At(2026, 5, 4, 9, 0))).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void an_agency_outside_the_registry_is_refused_naming_the_field_and_a_closed_feedback_takes_nothing()
    {
        var rejected = Should.Throw<CommandRejected>(() => When(History(), new FeedbackCommand.Assign("X9", null), Controller, At(2026, 5, 4, 8, 0)));
        (rejected.Kind, rejected.Field).ShouldBe((RejectionKind.Invalid, "agency"));
        var refused = History((new FeedbackCommand.Refuse("Trùng lặp"), Controller, At(2026, 4, 29, 11, 0)));
        Should.Throw<CommandRejected>(() => When(refused, new FeedbackCommand.Assign(TestDefinitions.Police, null), Controller, At(2026, 5, 4, 8, 0)))
            .Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void a_desk_of_another_centre_may_not_record_the_supplement()
    {
        var asked = History((new FeedbackCommand.RequestSupplement("Thiếu"), Controller, At(2026, 5, 4, 9, 0)));
        var otherDesk = new Actor("desk.mai", "desk", TestDefinitions.OtherDesk);
        Should.Throw<CommandRejected>(() => When(asked, new FeedbackCommand.RecordSupplement(null), otherDesk, At(2026, 5, 5, 9, 0)))
            .Kind.ShouldBe(RejectionKind.Forbidden);
    }
}
