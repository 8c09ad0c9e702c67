namespace Dossiers.Engine.Calendars;

// The wire shape of calendars/<calendar>-<year>.json; documented in docs/calendars.md.
internal sealed record CalendarFileJson(
    string? Calendar,
    int? Year,
    string? Version,
    List<string>? Sources,
    List<string>? Notes,
    OfficeHoursJson? OfficeHours,
    List<DayOffJson>? Holidays,
    List<DayOffJson>? CompensatoryDaysOff,
    List<WorkingSaturdayJson>? WorkingSaturdays);

internal sealed record OfficeHoursJson(
    List<string>? Monday,
    List<string>? Tuesday,
    List<string>? Wednesday,
    List<string>? Thursday,
    List<string>? Friday,
    List<string>? Saturday,
    List<string>? Sunday,
    string? SameDayCutoff);

internal sealed record DayOffJson(string? Date, string? From, string? To, string? Name, string? Note);

internal sealed record WorkingSaturdayJson(string? Date, string? Replaces, string? Name, string? Note);
