using Dossiers.Engine.Calendars;

namespace Dossiers.Tests.Engine.Calendars;

/// <summary>The real calendars/ folder of the repository, loaded once, and a compact way to write instants.</summary>
internal static class TestCalendars
{
    public static readonly string Directory = FindCalendarsDirectory();

    public static readonly WorkingCalendar Vietnam = WorkingCalendar.Load(Directory);

    /// <summary>"2025-04-24 08:00" at +07:00.</summary>
    public static DateTimeOffset At(string local) =>
        DateTimeOffset.ParseExact(local + " +07:00", "yyyy-MM-dd HH:mm zzz", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly Day(string date) => DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture);

    private static string FindCalendarsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dossiers.slnx")))
                return Path.Combine(dir.FullName, "calendars");
        }
        throw new InvalidOperationException("Cannot find the repository root (Dossiers.slnx) above the test binaries.");
    }
}
