using Dossiers.Engine.Calendars;
using static Dossiers.Tests.Engine.Calendars.TestCalendars;

namespace Dossiers.Tests.Engine.Calendars;

// 2027 and 2028 have no announced schedule, so the Labour Code Art. 112 rules apply.
public class when_applying_the_labour_code_rules
{
    [Fact]
    public void gives_tet_as_the_last_day_of_the_lunar_year_and_mung_one_to_four()
    {
        // Tết Đinh Mùi is Saturday 06/02/2027; its weekend days are compensated on Wednesday and Thursday.
        var offs = Offs("2027-02-01", "2027-02-14");
        offs.ShouldBe(["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11",
            "2027-02-13", "2027-02-14"]);
    }

    [Fact]
    public void compensates_a_holiday_on_a_saturday_on_the_next_working_day()
    {
        Vietnam.IsWorkingDay(Day("2027-04-30")).ShouldBeFalse(); // Friday
        Vietnam.IsWorkingDay(Day("2027-05-03")).ShouldBeFalse(); // for Saturday 01/05
        Vietnam.IsWorkingDay(Day("2027-05-04")).ShouldBeTrue();
        Vietnam.IsWorkingDay(Day("2028-01-03")).ShouldBeFalse(); // for Saturday 01/01/2028
    }

    [Fact]
    public void gives_the_hung_kings_day_on_the_tenth_of_the_third_lunar_month() =>
        Vietnam.Year(2027).Holidays.Single(h => h.Name == "Giỗ Tổ Hùng Vương").Date
            .ShouldBe(LunarCalendar.ToSolar(new LunarDate(2027, 3, 10)));

    [Fact]
    public void gives_the_first_and_second_of_september() =>
        Offs("2027-08-30", "2027-09-03").ShouldBe(["2027-09-01", "2027-09-02"]);

    [Fact]
    public void reproduces_the_official_days_of_tet_2026_where_the_pattern_held()
    {
        var rules = WorkingCalendar.RulesOnly();
        for (var d = Day("2026-02-14"); d <= Day("2026-02-23"); d = d.AddDays(1))
            rules.IsWorkingDay(d).ShouldBe(Vietnam.IsWorkingDay(d), $"{d:yyyy-MM-dd}");
    }

    [Fact]
    public void counts_a_calendar_without_files_as_rules_only() =>
        WorkingCalendar.RulesOnly().Version.ShouldBe("vn:none;rules:1");

    private static string[] Offs(string from, string to)
    {
        var offs = new List<string>();
        for (var d = Day(from); d <= Day(to); d = d.AddDays(1))
            if (!Vietnam.IsWorkingDay(d)) offs.Add(d.ToString("yyyy-MM-dd"));
        return [.. offs];
    }
}
