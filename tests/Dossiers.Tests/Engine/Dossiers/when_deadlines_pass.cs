using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

/// <summary>Timers only ask; the state decides. Accepted Mon 02/03 09:15: dossier due Mon 09/03 09:15, check due Tue 03/03 09:15.</summary>
public class when_deadlines_pass
{
    private static readonly Actor Timer = new("system", "system", null);
    private static readonly DateTimeOffset CheckDue = At(3, 3, 9, 15);
    private static readonly DateTimeOffset DossierDue = At(9, 3, 9, 15);

    private static DossierCommand.CheckDeadline TaskTimer => new(DeadlineKind.Task, "check", CheckDue);
    private static DossierCommand.CheckDeadline DossierTimer => new(DeadlineKind.Dossier, null, DossierDue);
    private static DossierCommand.CheckDeadline Warning => new(DeadlineKind.DueSoon, null, DossierDue);

    [Fact]
    public void an_open_step_past_its_due_time_is_recorded_overdue_once()
    {
        var events = When(Accepted(), TaskTimer, Timer, at: At(3, 3, 9, 16));

        events.ShouldBeEvents(new TaskOverdue(Id, "check", "P1", CheckDue, At(3, 3, 9, 16)));
        When([.. Accepted(), .. events], TaskTimer, Timer, at: At(3, 3, 10, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void a_timer_for_a_step_already_done_records_nothing()
    {
        var history = Accepted().Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(2, 3, 10, 0));

        When(history, TaskTimer, Timer, at: At(3, 3, 9, 16)).ShouldBeEmpty();
    }

    [Fact]
    public void a_timer_that_fires_early_records_nothing() =>
        When(Accepted(), TaskTimer, Timer, at: At(3, 3, 9, 14)).ShouldBeEmpty();

    [Fact]
    public void a_timer_for_a_due_time_that_moved_records_nothing()
    {
        // Paused Mon 15:00, resumed Wed 15:00: the check's due time moved to Thu 05/03 09:15.
        var history = Accepted().Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Police, at: At(2, 3, 15, 0))
            .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: At(4, 3, 15, 0));

        When(history, TaskTimer, Timer, at: At(4, 3, 16, 0)).ShouldBeEmpty();
        When(history, TaskTimer with { DueAt = At(5, 3, 9, 15) }, Timer, at: At(5, 3, 9, 15)).Single<TaskOverdue>().DueAt.ShouldBe(At(5, 3, 9, 15));
    }

    [Fact]
    public void nothing_is_overdue_while_the_clock_is_paused()
    {
        var history = Accepted().Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Police, at: At(2, 3, 15, 0));

        When(history, DossierTimer, Timer, at: At(10, 3, 9, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void the_dossier_past_its_appointment_is_recorded_overdue_once()
    {
        var events = When(Accepted(), DossierTimer, Timer, at: At(9, 3, 9, 15));

        events.ShouldBeEvents(new DossierOverdue(Id, DossierDue, At(9, 3, 9, 15)));
        When([.. Accepted(), .. events], DossierTimer, Timer, at: At(9, 3, 10, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void a_resolved_or_closed_dossier_is_never_overdue()
    {
        var stopped = Accepted().Then(new DossierCommand.Stop("Công dân rút"), Desk, at: At(3, 3, 8, 0));

        When(stopped, DossierTimer, Timer, at: At(10, 3, 8, 0)).ShouldBeEmpty();
        When(stopped, TaskTimer, Timer, at: At(10, 3, 8, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void one_working_day_before_the_appointment_without_an_apology_a_warning_is_recorded_once()
    {
        // Fri 06/03 09:15 is exactly one working day before Mon 09/03 09:15.
        var events = When(Accepted(), Warning, Timer, at: At(6, 3, 9, 15));

        events.ShouldBeEvents(new DueSoonWarned(Id, DossierDue, TimeSpan.FromHours(8), At(6, 3, 9, 15)));
        When([.. Accepted(), .. events], Warning, Timer, at: At(6, 3, 10, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void no_warning_earlier_than_one_working_day_or_after_an_apology()
    {
        When(Accepted(), Warning, Timer, at: At(5, 3, 16, 0)).ShouldBeEmpty();

        var apologised = Accepted().Then(new DossierCommand.Apologize("Cần xác minh", At(12, 3, 17, 0)), Police, at: At(4, 3, 9, 0));
        When(apologised, Warning with { DueAt = At(12, 3, 17, 0) }, Timer, at: At(11, 3, 17, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void an_apology_moves_the_appointment_but_not_the_legal_due_time_used_for_scoring()
    {
        var apologised = Accepted().Then(new DossierCommand.Apologize("Cần xác minh", At(12, 3, 17, 0)), Police, at: At(4, 3, 9, 0));

        var state = Given(apologised);

        state.DueAt.ShouldBe(At(12, 3, 17, 0));
        state.LegalDueAt.ShouldBe(DossierDue);
    }

    [Fact]
    public void the_warning_time_is_one_working_day_before_the_appointment() =>
        DossierDecider.WarningTime(Calendar, DossierDue).ShouldBe(At(6, 3, 9, 15));
}
