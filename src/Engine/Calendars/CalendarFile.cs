using System.Globalization;
using System.Text.Json;

namespace Dossiers.Engine.Calendars;

/// <summary>Reads one announced year from JSON (format: docs/calendars.md) and says exactly what is wrong with it.</summary>
public static class CalendarFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A misspelt field ("holiday") would otherwise be ignored silently and a day off lost.
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static CalendarYear Parse(string json, string expectedCalendar, string source = "calendar file")
    {
        try
        {
            var file = JsonSerializer.Deserialize<CalendarFileJson>(json, Options)
                ?? throw new FormatException("the file is empty");
            if (file.Calendar != expectedCalendar)
                throw new FormatException($"\"calendar\" is '{file.Calendar}', expected '{expectedCalendar}'");
            var year = new CalendarYear(
                file.Year ?? throw new FormatException("\"year\" is missing"),
                file.Version ?? throw new FormatException("\"version\" is missing"),
                Hours(file.OfficeHours),
                DaysOff(file.Holidays, "holidays"),
                DaysOff(file.CompensatoryDaysOff, "compensatoryDaysOff"),
                (file.WorkingSaturdays ?? []).Select(s => new WorkingSaturday(
                    Date(s.Date, "workingSaturdays.date"), Name(s.Name, "workingSaturdays"),
                    s.Replaces is null ? null : Date(s.Replaces, "workingSaturdays.replaces"), s.Note)).ToArray())
            {
                Sources = file.Sources ?? [],
                Notes = file.Notes ?? [],
            };
            var problems = year.Problems();
            if (problems.Count > 0) throw new FormatException(string.Join("; ", problems));
            return year;
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException)
        {
            throw new CalendarDataException($"{source}: {e.Message}", e);
        }
    }

    private static OfficeHours Hours(OfficeHoursJson? json)
    {
        var hours = OfficeHours.Default;
        if (json is null) return hours;
        var days = new (DayOfWeek Day, List<string>? Periods)[]
        {
            (DayOfWeek.Monday, json.Monday), (DayOfWeek.Tuesday, json.Tuesday), (DayOfWeek.Wednesday, json.Wednesday),
            (DayOfWeek.Thursday, json.Thursday), (DayOfWeek.Friday, json.Friday), (DayOfWeek.Saturday, json.Saturday),
            (DayOfWeek.Sunday, json.Sunday),
        };
        foreach (var (day, periods) in days.Where(d => d.Periods is not null))
            hours = hours.With(day, periods!.Select(OfficePeriod.Parse).ToArray());
        return json.SameDayCutoff is null ? hours : hours.WithSameDayCutoff(Time(json.SameDayCutoff, "officeHours.sameDayCutoff"));
    }

    private static DayOff[] DaysOff(List<DayOffJson>? entries, string field) =>
        (entries ?? []).SelectMany(e => Range(e, field).Select(d => new DayOff(d, Name(e.Name, field), e.Note))).ToArray();

    // An entry is either one "date" or an inclusive "from"/"to" range, as announcements are written.
    private static IEnumerable<DateOnly> Range(DayOffJson e, string field)
    {
        if (e.Date is not null && e.From is null && e.To is null) return [Date(e.Date, $"{field}.date")];
        if (e.Date is null && e.From is not null && e.To is not null)
        {
            var (from, to) = (Date(e.From, $"{field}.from"), Date(e.To, $"{field}.to"));
            if (to < from || to.DayNumber - from.DayNumber > 31)
                throw new FormatException($"{field}: range {e.From}..{e.To} is reversed or longer than a month");
            return Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);
        }
        throw new FormatException($"{field}: each entry needs either \"date\" or both \"from\" and \"to\" ({e.Name})");
    }

    private static DateOnly Date(string? text, string field) =>
        text is not null && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : throw new FormatException($"{field}: '{text ?? "(missing)"}' is not a date in the form yyyy-MM-dd");

    private static TimeOnly Time(string text, string field) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t : throw new FormatException($"{field}: '{text}' is not a time in the form HH:mm");

    private static string Name(string? name, string field) =>
        string.IsNullOrWhiteSpace(name) ? throw new FormatException($"{field}: an entry has no \"name\"") : name;
}
