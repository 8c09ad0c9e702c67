namespace Dossiers.Engine.Calendars;

/// <summary>
/// Office time per weekday plus the same-day cut-off. Hours are per-agency configuration, so each calendar file may
/// override them; a weekday with no periods is a weekly rest day.
/// </summary>
public sealed class OfficeHours
{
    private static readonly OfficePeriod Morning = new(new TimeOnly(7, 0), new TimeOnly(11, 30));
    private static readonly OfficePeriod Afternoon = new(new TimeOnly(13, 30), new TimeOnly(17, 0));

    private readonly IReadOnlyList<OfficePeriod>[] _byWeekday;

    /// <summary>Monday–Friday 07:00–11:30 and 13:30–17:00 (8 h); cut-off 15:00.</summary>
    public static OfficeHours Default { get; } = new(
        day => day is DayOfWeek.Saturday or DayOfWeek.Sunday ? [] : [Morning, Afternoon],
        new TimeOnly(15, 0));

    public OfficeHours(Func<DayOfWeek, IReadOnlyList<OfficePeriod>> periods, TimeOnly sameDayCutoff)
    {
        _byWeekday = new IReadOnlyList<OfficePeriod>[7];
        foreach (var day in Enum.GetValues<DayOfWeek>())
            _byWeekday[(int)day] = Checked(day, periods(day));
        SameDayCutoff = sameDayCutoff;
    }

    /// <summary>"Received after this time" moves a same-day result to the next working day (NĐ 61 Art. 17).</summary>
    public TimeOnly SameDayCutoff { get; }

    public IReadOnlyList<OfficePeriod> On(DayOfWeek day) => _byWeekday[(int)day];

    public OfficeHours With(DayOfWeek day, IReadOnlyList<OfficePeriod> periods) =>
        new(d => d == day ? periods : On(d), SameDayCutoff);

    public OfficeHours WithSameDayCutoff(TimeOnly cutoff) => new(On, cutoff);

    private static OfficePeriod[] Checked(DayOfWeek day, IReadOnlyList<OfficePeriod> periods)
    {
        var sorted = periods.OrderBy(p => p.Opens).ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Opens < sorted[i - 1].Closes)
                throw new ArgumentException($"Office periods on {day} overlap: {sorted[i - 1]} and {sorted[i]}.");
        }
        return sorted;
    }
}
