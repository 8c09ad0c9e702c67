using Dossiers.Engine.Calendars;
using static Dossiers.Tests.Engine.Calendars.TestCalendars;

namespace Dossiers.Tests.Engine.Calendars;

public class when_reading_working_days
{
    [Theory]
    [InlineData("2025-01-24")] // Friday before Tết Ất Tỵ
    [InlineData("2025-02-03")] // first day back
    [InlineData("2025-04-26")] // swapped working Saturday
    [InlineData("2025-05-05")]
    [InlineData("2026-02-13")] // Friday before Tết Bính Ngọ
    [InlineData("2026-02-23")]
    [InlineData("2026-04-28")]
    [InlineData("2026-09-03")]
    public void counts_announced_working_days(string date) => Vietnam.IsWorkingDay(Day(date)).ShouldBeTrue();

    [Theory]
    [InlineData("2025-01-01")]
    [InlineData("2025-01-27")]
    [InlineData("2025-01-31")]
    [InlineData("2025-04-07")] // Giỗ Tổ
    [InlineData("2025-05-02")] // swapped for Saturday 26/04
    [InlineData("2025-09-01")]
    [InlineData("2025-09-02")]
    [InlineData("2026-01-02")]
    [InlineData("2026-02-16")]
    [InlineData("2026-02-20")]
    [InlineData("2026-04-27")] // compensatory for Giỗ Tổ on Sunday 26/04
    [InlineData("2026-05-01")]
    [InlineData("2026-09-01")]
    [InlineData("2026-09-02")]
    [InlineData("2025-06-07")] // an ordinary Saturday
    public void rests_on_announced_days_off(string date) => Vietnam.IsWorkingDay(Day(date)).ShouldBeFalse();

    [Fact]
    public void gives_a_working_saturday_the_hours_of_the_weekday_it_replaces() =>
        Vietnam.PeriodsOn(Day("2025-04-26")).ShouldBe(OfficeHours.Default.On(DayOfWeek.Friday));

    [Fact]
    public void finds_the_next_working_day_after_a_long_break() =>
        Vietnam.NextWorkingDay(Day("2025-04-29")).ShouldBe(Day("2025-05-05"));
}
