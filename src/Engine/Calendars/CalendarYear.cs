namespace Dossiers.Engine.Calendars;

/// <summary>One year of a working calendar: an announced schedule from a data file, or the Labour Code rules.</summary>
public sealed record CalendarYear(
    int Year,
    string Version,
    OfficeHours OfficeHours,
    IReadOnlyList<DayOff> Holidays,
    IReadOnlyList<DayOff> CompensatoryDaysOff,
    IReadOnlyList<WorkingSaturday> WorkingSaturdays)
{
    public IReadOnlyList<string> Sources { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The problems that make this year unusable; empty when it is consistent.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Version)) problems.Add("version is missing");
        var daysOff = Holidays.Concat(CompensatoryDaysOff).ToArray();
        foreach (var day in daysOff.Where(d => d.Date.Year != Year))
            problems.Add($"day off {day.Date:yyyy-MM-dd} ({day.Name}) is outside {Year}");
        foreach (var saturday in WorkingSaturdays)
        {
            if (saturday.Date.Year != Year)
                problems.Add($"working Saturday {saturday.Date:yyyy-MM-dd} is outside {Year}");
            if (saturday.Date.DayOfWeek != DayOfWeek.Saturday)
                problems.Add($"working Saturday {saturday.Date:yyyy-MM-dd} is a {saturday.Date.DayOfWeek}");
            if (daysOff.Any(d => d.Date == saturday.Date))
                problems.Add($"{saturday.Date:yyyy-MM-dd} is both a working Saturday and a day off");
            if (saturday.Replaces is { } replaced && OfficeHours.On(replaced.DayOfWeek).Count == 0)
                problems.Add($"working Saturday {saturday.Date:yyyy-MM-dd} replaces {replaced:yyyy-MM-dd}, which has no office hours");
        }
        foreach (var duplicate in WorkingSaturdays.GroupBy(s => s.Date).Where(g => g.Count() > 1))
            problems.Add($"working Saturday {duplicate.Key:yyyy-MM-dd} is listed twice");
        return problems;
    }
}
