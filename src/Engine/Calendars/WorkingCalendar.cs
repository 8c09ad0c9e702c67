using System.Collections.Concurrent;

namespace Dossiers.Engine.Calendars;

/// <summary>
/// Office time for one calendar (e.g. "vn"): announced schedules where loaded, Labour Code rules elsewhere.
/// All instants are read and returned at +07:00 (Vietnam has had no daylight saving since 1975).
/// </summary>
public sealed partial class WorkingCalendar
{
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    private readonly IReadOnlyDictionary<int, CalendarYear> _announced;
    private readonly OfficeHours _ruleOfficeHours;
    private readonly ConcurrentDictionary<int, YearSchedule> _schedules = new();

    /// <param name="name">Calendar id, the prefix of the data files ("vn").</param>
    /// <param name="announced">Announced years; at most one per year.</param>
    /// <param name="ruleOfficeHours">
    /// Hours for rule-based years. Defaults to the latest announced year's hours, so a province that overrides its
    /// hours keeps them in years it has not published yet.
    /// </param>
    public WorkingCalendar(string name, IEnumerable<CalendarYear> announced, OfficeHours? ruleOfficeHours = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var years = announced.OrderBy(y => y.Year).ToArray();
        var problems = years.GroupBy(y => y.Year).Where(g => g.Count() > 1).Select(g => $"year {g.Key} is given twice")
            .Concat(years.SelectMany(y => y.Problems().Select(p => $"{y.Year}: {p}")))
            .ToArray();
        if (problems.Length > 0)
            throw new CalendarDataException($"Calendar '{name}' is inconsistent: {string.Join("; ", problems)}.");

        Name = name;
        _announced = years.ToDictionary(y => y.Year);
        _ruleOfficeHours = ruleOfficeHours ?? years.LastOrDefault()?.OfficeHours ?? OfficeHours.Default;
        var data = years.Length == 0 ? "none" : string.Join("+", years.Select(y => y.Version));
        Version = $"{name}:{data};rules:{StatutoryHolidays.RulesVersion}";
    }

    /// <summary>Only the Labour Code rules, default hours. Handy in tests and as a last resort.</summary>
    public static WorkingCalendar RulesOnly(string name = "vn") => new(name, []);

    public string Name { get; }

    /// <summary>Deterministic, e.g. "vn:2025.1+2026.1;rules:1". Stored with every computed deadline.</summary>
    public string Version { get; }

    /// <summary>The year as the calendar applies it: announced when loaded, else computed from the rules.</summary>
    public CalendarYear Year(int year) => Schedule(year).Year;

    public bool IsAnnounced(int year) => _announced.ContainsKey(year);

    public bool IsWorkingDay(DateOnly date) => PeriodsOn(date).Count > 0;

    /// <summary>Office periods on a date, in order; empty on rest days, holidays and days off.</summary>
    public IReadOnlyList<OfficePeriod> PeriodsOn(DateOnly date) => Schedule(date.Year).PeriodsOn(date);

    /// <summary>Whether the office is open at this instant (Vietnam time): a working day, inside one of its periods.</summary>
    public bool IsOfficeTime(DateTimeOffset instant)
    {
        var local = ToVietnam(instant);
        var time = TimeOnly.FromTimeSpan(local.TimeOfDay);
        return PeriodsOn(DateOnly.FromDateTime(local.DateTime)).Any(p => p.Opens <= time && time <= p.Closes);
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        for (var i = 0; i < MaxIdleDays; i++)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date)) return date;
        }
        throw NoOfficeTime(date);
    }

    public static DateTimeOffset ToVietnam(DateTimeOffset instant) => instant.ToOffset(VietnamOffset);

    private YearSchedule Schedule(int year) => _schedules.GetOrAdd(year, y => new YearSchedule(
        _announced.TryGetValue(y, out var data) ? data : StatutoryHolidays.For(y, _ruleOfficeHours)));

    // A calendar with no office time for a whole year would make every walk endless; stop and say so.
    private const int MaxIdleDays = 366;

    private static CalendarDataException NoOfficeTime(DateOnly near) =>
        new($"No office time found within {MaxIdleDays} days around {near:yyyy-MM-dd}.");

    private sealed class YearSchedule(CalendarYear year)
    {
        private readonly HashSet<DateOnly> _daysOff =
            year.Holidays.Concat(year.CompensatoryDaysOff).Select(d => d.Date).ToHashSet();

        private readonly Dictionary<DateOnly, IReadOnlyList<OfficePeriod>> _saturdays = year.WorkingSaturdays
            .ToDictionary(s => s.Date, s => year.OfficeHours.On(s.Replaces?.DayOfWeek ?? DayOfWeek.Monday));

        public CalendarYear Year { get; } = year;

        public IReadOnlyList<OfficePeriod> PeriodsOn(DateOnly date) =>
            _daysOff.Contains(date) ? []
            : _saturdays.TryGetValue(date, out var periods) ? periods
            : Year.OfficeHours.On(date.DayOfWeek);
    }
}
