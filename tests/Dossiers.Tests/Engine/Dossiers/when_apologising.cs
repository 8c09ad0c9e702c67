using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_apologising
{
    // The dossier is due Mon 09/03/2026 09:15.
    private static DossierCommand.Apologize Apology(DateTimeOffset newDueAt) => new("Chờ xác minh liên thông", newDueAt);

    [Fact]
    public void a_new_appointment_exactly_one_working_day_before_the_due_time_is_issued()
    {
        var at = At(6, 3, 9, 15);   // Fri 09:15 → Mon 09:15 is 8 working hours

        var events = When(Accepted(), Apology(At(13, 3, 9, 15)), Police, at: at);

        events.ShouldBeEvents(new ApologyIssued(Id, "Chờ xác minh liên thông", At(9, 3, 9, 15), At(13, 3, 9, 15), Police, at));
    }

    [Fact]
    public void sets_the_new_due_time_and_keeps_the_first_appointment()
    {
        var state = Given(Accepted().Then(Apology(At(13, 3, 9, 15)), Police, at: At(4, 3, 9, 0)));

        state.DueAt.ShouldBe(At(13, 3, 9, 15));
        state.OriginalDueAt.ShouldBe(At(9, 3, 9, 15));
        state.Reschedules.ShouldBe(1);
        state.Status.ShouldBe(DossierStatus.Received);
    }

    [Fact]
    public void the_result_is_then_measured_against_the_new_appointment()
    {
        var history = Accepted()
            .Then(Apology(At(13, 3, 9, 15)), Police, at: At(4, 3, 9, 0))
            .Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police, at: At(10, 3, 9, 0));

        var ready = history.Single<ResultReady>();
        ready.DueAt.ShouldBe(At(13, 3, 9, 15));
        ready.Timeliness.ShouldBe(Timeliness.Early);
    }

    [Fact]
    public void rejects_a_second_reschedule()
    {
        var history = Accepted().Then(Apology(At(13, 3, 9, 15)), Police, at: At(3, 3, 9, 0));

        var rejected = Rejected(history, Apology(At(20, 3, 9, 15)), Police, at: At(4, 3, 9, 0));

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.Message.ShouldContain("rescheduled 1 time");
    }

    [Theory]
    [InlineData(6, 9, 16)]    // 7 h 59 min of office time left
    [InlineData(6, 17, 0)]    // Friday's close: only Monday morning's 2.25 h are left
    [InlineData(9, 9, 0)]     // the due day itself
    [InlineData(9, 10, 0)]    // already late
    public void rejects_an_apology_less_than_one_working_day_before_the_due_time(int day, int hour, int minute)
    {
        var rejected = Rejected(Accepted(), Apology(At(13, 3, 9, 15)), Police, at: At(day, 3, hour, minute));

        rejected.Kind.ShouldBe(RejectionKind.Conflict);
        rejected.AllowedActions.ShouldContain(DossierActions.Apology);
    }

    [Theory]
    [InlineData(9, 9, 15)]    // the same appointment
    [InlineData(6, 17, 0)]    // an earlier one
    public void rejects_a_new_appointment_that_is_not_after_the_current_one(int day, int hour, int minute)
    {
        var rejected = Rejected(Accepted(), Apology(At(day, 3, hour, minute)), Police, at: At(3, 3, 9, 0));

        rejected.Kind.ShouldBe(RejectionKind.Invalid);
        rejected.Field.ShouldBe("newDueAt");
    }

    [Theory]
    [InlineData(2026, 3, 15, 9, 0)]    // a Sunday
    [InlineData(2026, 3, 13, 3, 0)]    // 03:00 on a Friday: the office is closed
    [InlineData(2026, 3, 13, 12, 30)]  // the lunch break
    [InlineData(2026, 3, 13, 17, 30)]  // after closing
    [InlineData(2031, 3, 13, 9, 0)]    // years away: beyond the horizon
    [InlineData(2026, 4, 30, 9, 0)]    // Reunification Day, a holiday
    public void rejects_a_new_appointment_outside_office_time_or_beyond_the_horizon(int year, int month, int day, int hour, int minute)
    {
        var newDueAt = new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

        var rejected = Rejected(Accepted(), Apology(newDueAt), Police, at: At(3, 3, 9, 0));

        rejected.Kind.ShouldBe(RejectionKind.Invalid);
        rejected.Field.ShouldBe("newDueAt");
    }

    [Fact]
    public void accepts_the_last_office_minute_of_the_horizon()
    {
        // 30 working days after Mon 09/03 09:15 (the default horizon) is Mon 20/04 09:15: 09/03 + 6 weeks.
        var issued = When(Accepted(), Apology(new DateTimeOffset(2026, 4, 20, 9, 15, 0, TimeSpan.FromHours(7))), Police, at: At(3, 3, 9, 0));

        issued.Single<ApologyIssued>().NewDueAt.ShouldBe(new DateTimeOffset(2026, 4, 20, 9, 15, 0, TimeSpan.FromHours(7)));
        Rejected(Accepted(), Apology(new DateTimeOffset(2026, 4, 20, 9, 16, 0, TimeSpan.FromHours(7))), Police, at: At(3, 3, 9, 0))
            .Field.ShouldBe("newDueAt");
    }

    [Fact]
    public void records_a_new_appointment_given_in_another_offset_in_vietnam_time()
    {
        var issued = When(Accepted(), Apology(At(13, 3, 9, 15).ToUniversalTime()), Police, at: At(3, 3, 9, 0)).Single<ApologyIssued>();

        issued.NewDueAt.ShouldBe(At(13, 3, 9, 15));
        issued.NewDueAt.Offset.ShouldBe(TimeSpan.FromHours(7));
    }

    [Fact]
    public void forbids_an_officer_whose_agency_holds_no_open_step()
    {
        Rejected(Accepted(), Apology(At(13, 3, 9, 15)), Insurance, at: At(3, 3, 9, 0)).Kind.ShouldBe(RejectionKind.Forbidden);
    }

    [Fact]
    public void rejects_an_apology_while_the_clock_is_paused()
    {
        var history = Accepted().Then(new DossierCommand.RequestSupplement(["Tờ khai"], "Thiếu", false), Police);

        Rejected(history, Apology(At(13, 3, 9, 15)), Police, at: At(3, 3, 9, 0)).Kind.ShouldBe(RejectionKind.Conflict);
    }
}
