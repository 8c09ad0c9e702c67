namespace Dossiers.Engine.Calendars;

public sealed partial class WorkingCalendar
{
    /// <summary>The due instant of a time limit that starts at <paramref name="start"/> (docs/deadlines.md).</summary>
    public Deadline Due(DateTimeOffset start, Budget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        var t = ToVietnam(start);
        var due = budget.Unit switch
        {
            TimeUnit.WorkingDays or TimeUnit.WorkingHours => AddWorkingTime(t, budget.ToWorkingTime()),
            TimeUnit.SameDay => SameDayDue(t),
            TimeUnit.CalendarDays => CalendarDaysDue(t, (int)budget.Amount),
            _ => throw new ArgumentOutOfRangeException(nameof(budget), budget.Unit, "Unknown time unit."),
        };
        return new Deadline(due, Version);
    }

    /// <summary>Freezes the office time left until the due instant.</summary>
    public PausedDeadline Pause(Deadline deadline, DateTimeOffset pausedAt)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        var at = ToVietnam(pausedAt);
        return new PausedDeadline(at, ToVietnam(deadline.DueAt), WorkingTimeBetween(at, deadline.DueAt), Version);
    }

    /// <summary>
    /// Due = resume instant + the frozen office time. A pause during which no office time passed changes nothing,
    /// which also keeps a Civil Code 24:00 due instant as it was.
    /// </summary>
    public Deadline Resume(PausedDeadline paused, DateTimeOffset resumedAt)
    {
        ArgumentNullException.ThrowIfNull(paused);
        var at = ToVietnam(resumedAt);
        if (at < paused.PausedAt)
            throw new ArgumentOutOfRangeException(nameof(resumedAt), resumedAt, "A clock cannot resume before it paused.");
        return WorkingTimeBetween(paused.PausedAt, at) == TimeSpan.Zero
            ? new Deadline(paused.DueAt, Version)
            : new Deadline(AddWorkingTime(at, paused.Remaining), Version);
    }

    /// <summary>
    /// Late after the due instant; early when finished on an earlier working day than the due day (a finish on a
    /// rest day belongs to the next working day); otherwise on time.
    /// </summary>
    public Timeliness Classify(DateTimeOffset finishedAt, DateTimeOffset dueAt)
    {
        var (finished, due) = (ToVietnam(finishedAt), ToVietnam(dueAt));
        if (finished > due) return Timeliness.Late;
        var finishDay = DateOnly.FromDateTime(finished.DateTime);
        if (!IsWorkingDay(finishDay)) finishDay = NextWorkingDay(finishDay);
        // A Civil Code due instant of 00:00 is 24:00 of the day before; that is its due day.
        var dueDay = DateOnly.FromDateTime(due.DateTime).AddDays(due.TimeOfDay == TimeSpan.Zero ? -1 : 0);
        return finishDay < dueDay ? Timeliness.Early : Timeliness.OnTime;
    }

    // Same-day results are due at the close of the receipt day, unless received after the cut-off, after closing,
    // or on a day without office time: then at the close of the next working day.
    private DateTimeOffset SameDayDue(DateTimeOffset received)
    {
        var day = DateOnly.FromDateTime(received.DateTime);
        var cutoff = Year(day.Year).OfficeHours.SameDayCutoff;
        var sameDay = IsWorkingDay(day)
            && TimeOnly.FromTimeSpan(received.TimeOfDay) <= cutoff
            && received < CloseOf(day);
        return CloseOf(sameDay ? day : NextWorkingDay(day));
    }

    // Civil Code Art. 147–148: the first day is not counted; the period ends at 24:00 of its last day, or at the
    // close of the next working day when the last day is not a working day.
    private DateTimeOffset CalendarDaysDue(DateTimeOffset start, int days)
    {
        var last = DateOnly.FromDateTime(start.DateTime).AddDays(days);
        return IsWorkingDay(last) ? At(last.AddDays(1), TimeOnly.MinValue) : CloseOf(NextWorkingDay(last));
    }
}
