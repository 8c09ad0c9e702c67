using Dossiers.Engine.Calendars;
using static Dossiers.Tests.Engine.Calendars.TestCalendars;

namespace Dossiers.Tests.Engine.Calendars;

public class when_loading_calendar_files
{
    private const string Minimal = """
        { "calendar": "vn", "year": 2031, "version": "2031.1", "holidays": [ { "date": "2031-01-01", "name": "Tết Dương lịch" } ] }
        """;

    [Fact]
    public void names_the_version_of_every_file_and_the_rules() =>
        Vietnam.Version.ShouldBe("vn:2025.1+2026.1;rules:1");

    [Fact]
    public void uses_the_files_for_announced_years_and_the_rules_elsewhere()
    {
        Vietnam.IsAnnounced(2025).ShouldBeTrue();
        Vietnam.IsAnnounced(2026).ShouldBeTrue();
        Vietnam.IsAnnounced(2027).ShouldBeFalse();
        Vietnam.Year(2027).Version.ShouldBe("rules:1");
    }

    [Fact]
    public void expands_a_from_to_range_into_each_day()
    {
        var tet = Vietnam.Year(2025).Holidays.Where(h => h.Name.StartsWith("Tết Nguyên đán")).Select(h => h.Date);
        tet.ShouldBe(Enumerable.Range(0, 9).Select(i => Day("2025-01-25").AddDays(i)));
    }

    [Fact]
    public void keeps_default_hours_for_weekdays_a_file_does_not_override()
    {
        var year = CalendarFile.Parse(Minimal.Replace("\"holidays\"", """
            "officeHours": { "saturday": ["07:30-11:30"], "sameDayCutoff": "14:00" }, "holidays"
            """), "vn");
        year.OfficeHours.On(DayOfWeek.Saturday).ShouldBe([OfficePeriod.Parse("07:30-11:30")]);
        year.OfficeHours.On(DayOfWeek.Monday).ShouldBe(OfficeHours.Default.On(DayOfWeek.Monday));
        year.OfficeHours.SameDayCutoff.ShouldBe(new TimeOnly(14, 0));
    }

    [Theory]
    [InlineData("\"holidays\"", "\"holiday\"", "holiday")]
    [InlineData("2031-01-01", "2031-13-01", "not a date")]
    [InlineData("2031-01-01", "2030-01-01", "outside 2031")]
    [InlineData("\"calendar\": \"vn\"", "\"calendar\": \"hn\"", "expected 'vn'")]
    [InlineData("\"version\": \"2031.1\",", "", "\"version\" is missing")]
    [InlineData("\"name\": \"Tết Dương lịch\"", "\"name\": \"\"", "no \"name\"")]
    public void refuses_a_broken_file_and_says_why(string find, string replace, string reason) =>
        Should.Throw<CalendarDataException>(() => CalendarFile.Parse(Minimal.Replace(find, replace), "vn", "vn-2031.json"))
            .Message.ShouldSatisfyAllConditions(m => m.ShouldContain("vn-2031.json"), m => m.ShouldContain(reason));

    [Fact]
    public void refuses_a_working_saturday_that_is_not_a_saturday() =>
        Should.Throw<CalendarDataException>(() => CalendarFile.Parse(Minimal.Replace("\"holidays\"", """
            "workingSaturdays": [ { "date": "2031-01-06", "name": "x" } ], "holidays"
            """), "vn")).Message.ShouldContain("is a Monday");

    [Fact]
    public void refuses_a_file_whose_name_disagrees_with_its_year()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"calendars-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "vn-2032.json"), Minimal);
            Should.Throw<CalendarDataException>(() => WorkingCalendar.Load(dir)).Message.ShouldContain("file name says 2032");
        }
        finally
        {
            System.IO.Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void refuses_a_missing_directory() =>
        Should.Throw<CalendarDataException>(() => WorkingCalendar.Load("/nonexistent/calendars"));

    [Fact]
    public void refuses_two_schedules_for_the_same_year()
    {
        var year = CalendarFile.Parse(Minimal, "vn");
        Should.Throw<CalendarDataException>(() => new WorkingCalendar("vn", [year, year])).Message.ShouldContain("given twice");
    }

    [Fact]
    public void builds_a_calendar_from_in_memory_years() =>
        new WorkingCalendar("test", [CalendarFile.Parse(Minimal, "vn")]).Version.ShouldBe("test:2031.1;rules:1");

    [Fact]
    public void counts_saturday_morning_hours_that_a_file_adds()
    {
        var year = CalendarFile.Parse(Minimal.Replace("\"holidays\"", """
            "officeHours": { "saturday": ["07:30-11:30"] }, "holidays"
            """), "vn");
        var calendar = new WorkingCalendar("vn", [year]);
        calendar.Due(At("2031-01-03 16:00"), Budget.WorkingHours(2)).DueAt.ShouldBe(At("2031-01-04 08:30"));
    }
}
