namespace Dossiers.Engine.Calendars;

// Walking through office time, one day at a time. Office periods are half-open going forward ([opens, closes)):
// time that runs out exactly at a closing time is due at that closing time, and counting from a closing time
// continues at the next opening. That makes due(due(s, a), b) == due(s, a + b). Counting backwards mirrors it:
// time that runs out exactly at an opening lands on the previous closing, the same position in office time.
public sealed partial class WorkingCalendar
{
    /// <summary>
    /// The instant where <paramref name="workingTime"/> of office time, counted from <paramref name="start"/> (or
    /// from the next opening), runs out. A negative amount counts backwards (used for a clock paused after its due instant).
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        var t = ToVietnam(start);
        if (workingTime > TimeSpan.Zero) return Forward(t, workingTime);
        if (workingTime < TimeSpan.Zero) return Backward(t, workingTime.Duration());
        return t;
    }

    /// <summary>Office time between two instants; negative when <paramref name="to"/> is before <paramref name="from"/>.</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to < from) return -WorkingTimeBetween(to, from);
        var (a, b) = (ToVietnam(from), ToVietnam(to));
        var total = TimeSpan.Zero;
        for (var date = DateOnly.FromDateTime(a.DateTime); date <= DateOnly.FromDateTime(b.DateTime); date = date.AddDays(1))
        {
            foreach (var period in PeriodsOn(date))
            {
                var opens = Max(At(date, period.Opens), a);
                var closes = Min(At(date, period.Closes), b);
                if (closes > opens) total += closes - opens;
            }
        }
        return total;
    }

    private DateTimeOffset Forward(DateTimeOffset t, TimeSpan remaining)
    {
        var date = DateOnly.FromDateTime(t.DateTime);
        for (var idle = 0; idle < MaxIdleDays; date = date.AddDays(1))
        {
            var periods = PeriodsOn(date);
            idle = periods.Count == 0 ? idle + 1 : 0;
            foreach (var period in periods)
            {
                var closes = At(date, period.Closes);
                if (t >= closes) continue;
                var from = Max(At(date, period.Opens), t);
                if (remaining <= closes - from) return from + remaining;
                remaining -= closes - from;
            }
        }
        throw NoOfficeTime(date);
    }

    private DateTimeOffset Backward(DateTimeOffset t, TimeSpan remaining)
    {
        var date = DateOnly.FromDateTime(t.DateTime);
        for (var idle = 0; idle < MaxIdleDays; date = date.AddDays(-1))
        {
            var periods = PeriodsOn(date);
            idle = periods.Count == 0 ? idle + 1 : 0;
            for (var i = periods.Count - 1; i >= 0; i--)
            {
                var opens = At(date, periods[i].Opens);
                if (t <= opens) continue;
                var to = Min(At(date, periods[i].Closes), t);
                if (remaining < to - opens) return to - remaining;
                remaining -= to - opens;
            }
        }
        throw NoOfficeTime(date);
    }

    private DateTimeOffset CloseOf(DateOnly date) => At(date, PeriodsOn(date)[^1].Closes);

    private static DateTimeOffset At(DateOnly date, TimeOnly time) => new(date.ToDateTime(time), VietnamOffset);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
