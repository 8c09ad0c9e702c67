using Dossiers.Engine.Calendars;
using static Dossiers.Tests.Engine.Calendars.TestCalendars;

namespace Dossiers.Tests.Engine.Calendars;

public class when_pausing_the_clock
{
    private static readonly Deadline ThreeDays = Vietnam.Due(At("2025-06-02 08:00"), Budget.WorkingDays(3));

    [Fact]
    public void freezes_the_office_time_left_at_the_pause()
    {
        ThreeDays.DueAt.ShouldBe(At("2025-06-05 08:00"));
        Vietnam.Pause(ThreeDays, At("2025-06-03 10:00")).Remaining.ShouldBe(TimeSpan.FromHours(14));
    }

    [Fact]
    public void moves_the_due_instant_by_the_frozen_time_from_the_resume()
    {
        // 14 h from Mon 09/06 13:30: 3.5 h that afternoon, 8 h on Tuesday, 2.5 h on Wednesday morning.
        var paused = Vietnam.Pause(ThreeDays, At("2025-06-03 10:00"));
        Vietnam.Resume(paused, At("2025-06-09 13:30")).DueAt.ShouldBe(At("2025-06-11 09:30"));
    }

    [Fact]
    public void keeps_a_late_clock_late_after_the_pause()
    {
        var paused = Vietnam.Pause(ThreeDays, At("2025-06-05 10:00"));
        paused.Remaining.ShouldBe(TimeSpan.FromHours(-2));
        var resumed = Vietnam.Resume(paused, At("2025-06-09 08:00"));
        resumed.DueAt.ShouldBe(At("2025-06-06 16:00"));
        Vietnam.Classify(At("2025-06-09 08:30"), resumed.DueAt).ShouldBe(Timeliness.Late);
    }

    [Fact]
    public void changes_nothing_when_no_office_time_passed_during_the_pause()
    {
        var civil = Vietnam.Due(At("2025-06-02 10:00"), Budget.CalendarDays(3));
        var paused = Vietnam.Pause(civil, At("2025-06-03 18:00"));
        Vietnam.Resume(paused, At("2025-06-04 06:00")).ShouldBe(civil);
    }

    [Fact]
    public void refuses_to_resume_before_the_pause() =>
        Should.Throw<ArgumentOutOfRangeException>(() =>
            Vietnam.Resume(Vietnam.Pause(ThreeDays, At("2025-06-03 10:00")), At("2025-06-03 09:00")));
}
