using Dossiers.Engine.Calendars;
using static Dossiers.Tests.Engine.Calendars.TestCalendars;

namespace Dossiers.Tests.Engine.Calendars;

public class when_computing_deadlines
{
    [Fact]
    public void resumes_after_tet_for_three_working_days_received_the_friday_before()
    {
        // Fri 13/02/2026 10:00–17:00 gives 5 h; Tết closes 14–22/02; Mon 23 and Tue 24 give 16 h; 3 h remain on Wed.
        Vietnam.Due(At("2026-02-13 10:00"), Budget.WorkingDays(3)).DueAt.ShouldBe(At("2026-02-25 10:00"));
    }

    [Fact]
    public void counts_the_swapped_saturday_and_skips_the_thirtieth_of_april_break()
    {
        // Thu 24/04 7 h, Fri 25 8 h, Sat 26 8 h (worked), Mon 28 8 h, Tue 29 8 h, 30/04–04/05 off, Mon 05/05 8 h,
        // Tue 06/05 8 h: 55 h; the last hour ends Wed 07/05 08:00.
        Vietnam.Due(At("2025-04-24 08:00"), Budget.WorkingDays(7)).DueAt.ShouldBe(At("2025-05-07 08:00"));
    }

    [Fact]
    public void is_due_at_a_closing_time_when_the_time_runs_out_there()
    {
        Vietnam.Due(At("2025-06-02 07:00"), Budget.WorkingHours(4.5m)).DueAt.ShouldBe(At("2025-06-02 11:30"));
        Vietnam.Due(At("2025-06-02 07:00"), Budget.WorkingDays(1)).DueAt.ShouldBe(At("2025-06-02 17:00"));
    }

    [Fact]
    public void continues_at_the_afternoon_opening_when_counting_from_the_noon_closing() =>
        Vietnam.Due(At("2025-06-02 11:30"), Budget.WorkingHours(1)).DueAt.ShouldBe(At("2025-06-02 14:30"));

    [Theory]
    [InlineData("2025-06-07 10:00", "2025-06-09 08:00")] // Saturday
    [InlineData("2025-06-02 06:00", "2025-06-02 08:00")] // before opening
    [InlineData("2025-06-02 12:15", "2025-06-02 14:30")] // lunch break
    [InlineData("2025-06-06 18:00", "2025-06-09 08:00")] // Friday evening
    [InlineData("2025-04-07 09:00", "2025-04-08 08:00")] // Giỗ Tổ 2025
    public void starts_counting_at_the_next_opening_outside_office_time(string start, string due) =>
        Vietnam.Due(At(start), Budget.WorkingHours(1)).DueAt.ShouldBe(At(due));

    [Fact]
    public void turns_half_a_working_day_into_four_hours() =>
        Vietnam.Due(At("2025-06-02 07:00"), Budget.WorkingDays(0.5m)).DueAt.ShouldBe(At("2025-06-02 11:00"));

    [Fact]
    public void reads_any_offset_and_answers_at_plus_seven()
    {
        var due = Vietnam.Due(DateTimeOffset.Parse("2025-06-02T01:00:00Z"), Budget.WorkingHours(2)).DueAt;
        due.Offset.ShouldBe(TimeSpan.FromHours(7));
        due.ShouldBe(At("2025-06-02 10:00"));
    }

    [Fact]
    public void names_the_calendar_version_that_produced_it() =>
        Vietnam.Due(At("2025-06-02 07:00"), Budget.SameDay).CalendarVersion.ShouldBe("vn:2025.1+2026.1;rules:1");

    [Theory]
    [InlineData("2025-04-29 15:30", "2025-05-05 17:00")] // after 15:00 on the eve of the 30/04 break
    [InlineData("2025-04-29 15:00", "2025-04-29 17:00")] // at 15:00 is not after 15:00
    [InlineData("2025-04-29 06:30", "2025-04-29 17:00")] // before opening
    [InlineData("2025-04-30 09:00", "2025-05-05 17:00")] // on the holiday
    [InlineData("2025-04-26 10:00", "2025-04-26 17:00")] // on the swapped working Saturday
    [InlineData("2026-02-13 16:00", "2026-02-23 17:00")] // after 15:00 on the eve of Tết 2026
    public void gives_same_day_results_by_the_close_unless_received_after_the_cutoff(string received, string due) =>
        Vietnam.Due(At(received), Budget.SameDay).DueAt.ShouldBe(At(due));

    [Theory]
    [InlineData("2025-06-02 10:00", 3, "2025-06-06 00:00")] // ends 24:00 on Thursday 05/06
    [InlineData("2025-06-04 16:00", 4, "2025-06-09 17:00")] // last day Sunday 08/06 → close of Monday
    [InlineData("2026-02-09 09:00", 5, "2026-02-23 17:00")] // last day Saturday 14/02, then Tết
    [InlineData("2025-06-07 09:00", 1, "2025-06-09 17:00")] // received on a Saturday, ends Sunday
    public void ends_calendar_days_at_midnight_of_the_last_day_or_the_next_working_close(string start, int days, string due) =>
        Vietnam.Due(At(start), Budget.CalendarDays(days)).DueAt.ShouldBe(At(due));

    [Fact]
    public void measures_working_time_between_two_instants_either_way()
    {
        Vietnam.WorkingTimeBetween(At("2026-02-13 10:00"), At("2026-02-25 10:00")).ShouldBe(TimeSpan.FromHours(24));
        Vietnam.WorkingTimeBetween(At("2026-02-25 10:00"), At("2026-02-13 10:00")).ShouldBe(TimeSpan.FromHours(-24));
    }

    [Theory]
    [InlineData(-2, "2025-06-06 16:00")]
    [InlineData(-1, "2025-06-06 17:00")] // runs out at Monday's opening: the previous closing, as going forward
    public void counts_backwards_through_office_time(int hours, string expected) =>
        Vietnam.AddWorkingTime(At("2025-06-09 08:00"), TimeSpan.FromHours(hours)).ShouldBe(At(expected));

    [Theory]
    [InlineData(-1, TimeUnit.WorkingDays)]
    [InlineData(1.5, TimeUnit.CalendarDays)]
    public void refuses_budgets_without_a_meaning(decimal amount, TimeUnit unit) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new Budget(amount, unit));

    [Fact]
    public void prints_a_budget_of_any_unit() =>
        Budget.SameDay.ToString().ShouldBe("Budget { Amount = 1, Unit = SameDay, IsWorkingTime = False }");
}
