using System.Text.RegularExpressions;

namespace Dossiers.Engine.Calendars;

public sealed partial class WorkingCalendar
{
    /// <summary>
    /// Loads every <c>&lt;name&gt;-&lt;yyyy&gt;.json</c> in <paramref name="calendarsDirectory"/> (the repository's
    /// <c>calendars/</c> folder). Years without a file fall back to the Labour Code rules. Fails on any bad file,
    /// because a silently wrong holiday moves legal deadlines.
    /// </summary>
    public static WorkingCalendar Load(string calendarsDirectory, string name = "vn")
    {
        if (!Directory.Exists(calendarsDirectory))
            throw new CalendarDataException($"Calendar directory '{calendarsDirectory}' does not exist.");
        var pattern = new Regex($"^{Regex.Escape(name)}-(\\d{{4}})\\.json$", RegexOptions.IgnoreCase);
        var years = new List<CalendarYear>();
        foreach (var path in Directory.EnumerateFiles(calendarsDirectory, $"{name}-*.json").Order(StringComparer.Ordinal))
        {
            var match = pattern.Match(Path.GetFileName(path));
            if (!match.Success) continue;
            var year = CalendarFile.Parse(File.ReadAllText(path), name, path);
            if (year.Year != int.Parse(match.Groups[1].Value))
                throw new CalendarDataException($"{path}: \"year\" is {year.Year} but the file name says {match.Groups[1].Value}.");
            years.Add(year);
        }
        return new WorkingCalendar(name, years);
    }
}
