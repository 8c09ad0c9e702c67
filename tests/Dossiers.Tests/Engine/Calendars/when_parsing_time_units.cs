using Dossiers.Engine.Calendars;

namespace Dossiers.Tests.Engine.Calendars;

public class when_parsing_time_units
{
    [Theory]
    [InlineData("WorkingDays", TimeUnit.WorkingDays)]
    [InlineData("workinghours", TimeUnit.WorkingHours)]
    [InlineData(" SAMEDAY ", TimeUnit.SameDay)]
    [InlineData("calendarDays", TimeUnit.CalendarDays)]
    public void reads_unit_names_in_any_case(string text, TimeUnit expected) =>
        TimeUnitParser.Parse(text).ShouldBe(expected);

    [Theory]
    [InlineData("1")]
    [InlineData("")]
    [InlineData("days")]
    [InlineData("WorkingDays,SameDay")]
    public void refuses_anything_else_and_lists_the_valid_names(string text) =>
        Should.Throw<FormatException>(() => TimeUnitParser.Parse(text)).Message
            .ShouldBe($"Unknown time unit '{text}'. Expected one of: WorkingDays, WorkingHours, SameDay, CalendarDays.");

    [Fact]
    public void asks_for_a_unit_when_none_is_given()
    {
        TimeUnitParser.TryParse(null, out _).ShouldBeFalse();
        Should.Throw<FormatException>(() => TimeUnitParser.Parse(null)).Message.ShouldContain("required");
    }
}
