namespace Dossiers.Engine.Calendars;

/// <summary>
/// Labour Code 2019 Art. 112 for years with no announced schedule. The PM fixes Tết and the day next to 2/9 each year;
/// until that is announced we assume the most common pattern: Tết = the last day of the lunar year plus mùng 1–4, and
/// Quốc khánh = 1/9 + 2/9. A holiday on a weekly rest day moves to the next working day(s) (Art. 111(3)).
/// Holidays that coincide count once.
/// </summary>
public static class StatutoryHolidays
{
    /// <summary>Bump when the rules change; it is part of every calendar version string.</summary>
    public const int RulesVersion = 1;

    public static CalendarYear For(int year, OfficeHours officeHours)
    {
        var holidays = Holidays(year);
        var taken = holidays.Select(h => h.Date).ToHashSet();
        var compensatory = new List<DayOff>();
        foreach (var holiday in holidays.Where(h => IsRestDay(h.Date, officeHours)))
        {
            var day = holiday.Date.AddDays(1);
            while (IsRestDay(day, officeHours) || taken.Contains(day)) day = day.AddDays(1);
            taken.Add(day);
            compensatory.Add(new DayOff(day, $"Nghỉ bù {holiday.Name}", $"for {holiday.Date:yyyy-MM-dd}"));
        }

        return new CalendarYear(year, $"rules:{RulesVersion}", officeHours, holidays, compensatory, [])
        {
            Notes = ["Computed from Labour Code 2019 Art. 112; no announced schedule was loaded for this year."],
        };
    }

    private static IReadOnlyList<DayOff> Holidays(int year)
    {
        var tet = LunarCalendar.NewYear(year);
        var days = new List<DayOff>
        {
            new(new DateOnly(year, 1, 1), "Tết Dương lịch"),
            new(tet.AddDays(-1), "Tết Nguyên đán (cuối năm âm lịch)"),
        };
        for (var i = 0; i < 4; i++) days.Add(new DayOff(tet.AddDays(i), $"Tết Nguyên đán (mùng {i + 1})"));
        days.Add(new DayOff(LunarCalendar.ToSolar(new LunarDate(year, 3, 10)), "Giỗ Tổ Hùng Vương"));
        days.Add(new DayOff(new DateOnly(year, 4, 30), "Ngày Chiến thắng"));
        days.Add(new DayOff(new DateOnly(year, 5, 1), "Ngày Quốc tế Lao động"));
        days.Add(new DayOff(new DateOnly(year, 9, 1), "Quốc khánh (ngày liền kề)"));
        days.Add(new DayOff(new DateOnly(year, 9, 2), "Quốc khánh"));
        return days.DistinctBy(d => d.Date).OrderBy(d => d.Date).ToArray();
    }

    private static bool IsRestDay(DateOnly date, OfficeHours hours) => hours.On(date.DayOfWeek).Count == 0;
}
