using Dossiers.Engine.Calendars;
using static Dossiers.Tests.Engine.Calendars.TestCalendars;

namespace Dossiers.Tests.Engine.Calendars;

public class when_classifying_timeliness
{
    private static readonly DateTimeOffset DueAfterTet = At("2026-02-25 10:00");

    [Theory]
    [InlineData("2026-02-24 16:00", Timeliness.Early)]
    [InlineData("2026-02-21 09:00", Timeliness.Early)] // on a Tết rest day, which belongs to Monday 23/02
    [InlineData("2026-02-25 09:00", Timeliness.OnTime)]
    [InlineData("2026-02-25 10:00", Timeliness.OnTime)]
    [InlineData("2026-02-25 10:01", Timeliness.Late)]
    public void grades_a_finish_against_the_due_day_and_instant(string finished, Timeliness expected) =>
        Vietnam.Classify(At(finished), DueAfterTet).ShouldBe(expected);

    [Fact]
    public void counts_a_rest_day_finish_as_the_next_working_day() =>
        Vietnam.Classify(At("2025-06-08 10:00"), At("2025-06-09 10:00")).ShouldBe(Timeliness.OnTime);

    [Theory]
    [InlineData("2025-06-05 16:00", Timeliness.OnTime)]
    [InlineData("2025-06-04 16:00", Timeliness.Early)]
    [InlineData("2025-06-06 00:01", Timeliness.Late)]
    public void treats_a_midnight_due_instant_as_the_end_of_the_day_before(string finished, Timeliness expected) =>
        Vietnam.Classify(At(finished), At("2025-06-06 00:00")).ShouldBe(expected);
}
