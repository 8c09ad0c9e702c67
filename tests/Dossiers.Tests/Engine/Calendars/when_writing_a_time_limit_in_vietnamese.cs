using Dossiers.Engine.Calendars;

namespace Dossiers.Tests.Engine.Calendars;

public class when_writing_a_time_limit_in_vietnamese
{
    [Theory]
    [InlineData(3, TimeUnit.WorkingDays, "3 ngày làm việc")]
    [InlineData(0.5, TimeUnit.WorkingDays, "0,5 ngày làm việc")]
    [InlineData(4, TimeUnit.WorkingHours, "4 giờ làm việc")]
    [InlineData(1, TimeUnit.SameDay, "trong ngày")]
    [InlineData(15, TimeUnit.CalendarDays, "15 ngày")]
    public void forms_print_it_as_the_law_says_it(decimal amount, TimeUnit unit, string expected) =>
        new Budget(amount, unit).ToVietnamese().ShouldBe(expected);
}
