using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Control;

/// <summary>
/// The pure explanation decider. Accepted Mon 02/03/2026 09:15: the check (P1) is due Tue 03/03 09:15, the dossier
/// Mon 09/03 09:15. Answers are due 2 working days after the request unless it says otherwise.
/// </summary>
public class when_asking_for_late_cause_explanations
{
    private static readonly Actor Controller = new("kiem.soat", "controller", null);
    private static readonly Actor Timer = new("system", "system", null);
    private static readonly Actor CentreDesk = new("desk.lan", "desk", TestDefinitions.Desk);
    private static readonly Guid RequestId = new("0193f000-0000-7000-8000-0000000000e1");
    private static readonly DateTimeOffset CheckDue = At(3, 3, 9, 15);
    private static readonly DateTimeOffset DossierDue = At(9, 3, 9, 15);

    private static ExplanationContext As(Actor actor, DateTimeOffset at, ExplanationRules? rules = null) =>
        new(Calendar, actor, at, rules ?? ExplanationRules.Default);

    private static IReadOnlyList<object> Request(IEnumerable<object> history, string? taskId, DateTimeOffset at, IReadOnlyList<Explanation>? earlier = null,
        Budget? answerTime = null) =>
        ExplanationDecider.Request(Given(history), earlier ?? [], new ExplanationCommand.Request(RequestId, taskId, "Báo cáo gấp", answerTime), As(Controller, at));

    private static CommandRejected Refused(Action decide) => Should.Throw<CommandRejected>(decide);

    private static Explanation Fold(IEnumerable<object> events) => events.Aggregate((Explanation?)null, Explanation.Evolve)!;

    /// <summary>The check's request, made Tue 03/03 10:00: its answer is due Thu 05/03 10:00.</summary>
    private static IReadOnlyList<object> StepRequest() => Request(Accepted(), "check", At(3, 3, 10, 0));

    [Fact]
    public void an_overdue_step_is_asked_of_its_agency_with_two_working_days_to_answer()
    {
        var requested = StepRequest().Single<ExplanationRequested>();

        requested.ShouldBe(new ExplanationRequested(RequestId, Id, Given(Accepted()).Code, "9.999999", "check", "Kiểm tra", TestDefinitions.Police,
            CheckDue, "Báo cáo gấp", Budget.WorkingDays(2), At(5, 3, 10, 0), Calendar.Version, Controller, At(3, 3, 10, 0)));
    }

    [Fact]
    public void the_answer_time_counts_working_days_over_the_weekend_and_may_be_set_per_request()
    {
        // Fri 06/03 16:00 + 2 working days: Monday and Tuesday, due Tue 10/03 16:00.
        Request(Accepted(), "check", At(6, 3, 16, 0)).Single<ExplanationRequested>().AnswerDueAt.ShouldBe(At(10, 3, 16, 0));
        // Half a working day from Fri 06/03 16:00: 1 h on Friday, 3 h on Monday, due Mon 09/03 10:00.
        Request(Accepted(), "check", At(6, 3, 16, 0), answerTime: Budget.WorkingDays(0.5m)).Single<ExplanationRequested>().AnswerDueAt
            .ShouldBe(At(9, 3, 10, 0));
    }

    [Fact]
    public void a_step_or_dossier_still_within_its_time_is_refused_naming_why()
    {
        var step = Refused(() => Request(Accepted(), "check", At(3, 3, 9, 15)));
        step.Kind.ShouldBe(RejectionKind.Conflict);
        step.Field.ShouldBe("taskId");
        step.Message.ShouldContain("not overdue");

        var dossier = Refused(() => Request(Accepted(), null, At(9, 3, 9, 0)));
        dossier.Kind.ShouldBe(RejectionKind.Conflict);
        dossier.Field.ShouldBe("dossier");

        Refused(() => Request(Submitted(), null, At(9, 3, 10, 0))).Message.ShouldContain("has not been received");
    }

    [Fact]
    public void an_unknown_step_is_not_found_and_a_closed_one_is_explained_with_the_dossier()
    {
        Refused(() => Request(Accepted(), "nope", At(4, 3, 9, 0))).Kind.ShouldBe(RejectionKind.NotFound);
        var done = Accepted().Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(4, 3, 9, 0));
        var closed = Refused(() => Request(done, "check", At(4, 3, 10, 0)));
        closed.Kind.ShouldBe(RejectionKind.Conflict);
        closed.Message.ShouldContain("closed");
    }

    [Fact]
    public void a_step_whose_clock_paused_before_its_due_time_is_not_late()
    {
        var paused = Accepted().Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Police, at: At(2, 3, 15, 0));

        Refused(() => Request(paused, "check", At(6, 3, 10, 0))).Field.ShouldBe("taskId");
    }

    [Fact]
    public void the_overdue_dossier_is_asked_of_the_one_unit_holding_it_or_else_of_the_receiving_centre()
    {
        Request(Accepted(), null, At(9, 3, 10, 0)).Single<ExplanationRequested>().ShouldSatisfyAllConditions(
            r => r.Agency.ShouldBe(TestDefinitions.Police),
            r => r.MissedDueAt.ShouldBe(DossierDue),
            r => r.TaskId.ShouldBeNull());

        // Past the check, the fork holds it at the police and at insurance at once: the centre answers for it.
        var forked = Accepted().Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(2, 3, 10, 0));
        Given(forked).Tasks.Values.Select(t => t.Agency).Distinct().Count().ShouldBe(2);
        Request(forked, null, At(9, 3, 10, 0)).Single<ExplanationRequested>().Agency.ShouldBe(TestDefinitions.Desk);
    }

    [Fact]
    public void a_second_request_on_the_same_subject_waits_for_the_first_answer()
    {
        var first = Fold(StepRequest());

        var duplicate = Refused(() => Request(Accepted(), "check", At(3, 3, 11, 0), [first]));
        duplicate.Kind.ShouldBe(RejectionKind.Conflict);
        duplicate.Message.ShouldContain(RequestId.ToString());
        // Another subject of the same dossier is asked freely; once answered, the step may be asked about again.
        Request(Accepted(), null, At(9, 3, 10, 0), [first]).ShouldHaveSingleItem();
        var answered = Fold([.. StepRequest(), new ExplanationAnswered(RequestId, Id, null, "missing-staff", null, "Bổ sung cán bộ", false, Police, At(3, 3, 11, 0))]);
        Request(Accepted(), "check", At(3, 3, 12, 0), [answered]).ShouldHaveSingleItem();
    }

    [Fact]
    public void only_the_agency_asked_answers_once_with_a_configured_cause()
    {
        var state = Fold(StepRequest());
        IReadOnlyList<object> Answer(Actor who, string cause, string? text = null, DateTimeOffset? at = null) =>
            ExplanationDecider.Decide(state, new ExplanationCommand.Answer(cause, text, " Bổ sung cán bộ "), As(who, at ?? At(4, 3, 9, 0)));

        Refused(() => Answer(Insurance, "missing-staff")).Kind.ShouldBe(RejectionKind.Forbidden);
        Refused(() => Answer(CentreDesk, "missing-staff")).Kind.ShouldBe(RejectionKind.Forbidden);
        var unknown = Refused(() => Answer(Police, "weather"));
        (unknown.Kind, unknown.Field).ShouldBe((RejectionKind.Invalid, "cause"));
        var bare = Refused(() => Answer(Police, "other", "  "));
        (bare.Kind, bare.Field).ShouldBe((RejectionKind.Invalid, "causeText"));

        var answered = Answer(Police, "other", " Mất điện ").Single<ExplanationAnswered>();
        answered.ShouldBe(new ExplanationAnswered(RequestId, Id, state.DossierCode, "other", "Mất điện", "Bổ sung cán bộ", false, Police, At(4, 3, 9, 0)));

        var twice = Refused(() => ExplanationDecider.Decide(Fold([.. StepRequest(), answered]),
            new ExplanationCommand.Answer("missing-staff", null, "x"), As(Police, At(4, 3, 10, 0))));
        twice.Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void an_answer_at_the_deadline_is_on_time_and_one_after_it_is_late()
    {
        var state = Fold(StepRequest());
        bool LateAt(DateTimeOffset at) => ExplanationDecider.Decide(state, new ExplanationCommand.Answer("missing-staff", null, "x"), As(Police, at))
            .Single<ExplanationAnswered>().Late;

        LateAt(At(5, 3, 10, 0)).ShouldBeFalse();
        LateAt(At(5, 3, 10, 1)).ShouldBeTrue();
    }

    [Fact]
    public void the_deadline_timer_records_an_unanswered_request_overdue_once()
    {
        var history = StepRequest();
        var timer = new ExplanationCommand.CheckDeadline(At(5, 3, 10, 0));
        IReadOnlyList<object> Fire(IEnumerable<object> events, DateTimeOffset at) => ExplanationDecider.Decide(Fold(events), timer, As(Timer, at));

        Fire(history, At(5, 3, 9, 59)).ShouldBeEmpty();   // early
        var overdue = Fire(history, At(5, 3, 10, 0));
        overdue.ShouldBeEvents(new ExplanationOverdue(RequestId, Id, Fold(history).DossierCode, TestDefinitions.Police, At(5, 3, 10, 0), At(5, 3, 10, 0)));
        Fire([.. history, .. overdue], At(5, 3, 11, 0)).ShouldBeEmpty();   // a duplicate
        Fire([.. history, new ExplanationAnswered(RequestId, Id, null, "missing-staff", null, "x", false, Police, At(5, 3, 9, 0))], At(5, 3, 10, 0))
            .ShouldBeEmpty();
        ExplanationDecider.Decide(Fold(history), new ExplanationCommand.CheckDeadline(At(6, 3, 10, 0)), As(Timer, At(6, 3, 10, 0))).ShouldBeEmpty();

        var late = Fold([.. history, .. overdue]);
        late.Status.ShouldBe(ExplanationStatus.Overdue);
        // Still answerable after the deadline: the answer is recorded as late.
        ExplanationDecider.Decide(late, new ExplanationCommand.Answer("system-outage", null, "x"), As(Police, At(6, 3, 9, 0)))
            .Single<ExplanationAnswered>().Late.ShouldBeTrue();
    }
}
