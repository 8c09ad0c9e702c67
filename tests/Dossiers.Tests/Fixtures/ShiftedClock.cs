namespace Dossiers.Tests.Fixtures;

/// <summary>
/// Real time, shifted so that the test run starts on a working Monday morning in Vietnam: deadlines counted in
/// office time then fall seconds ahead, whatever hour the suite actually runs. The clock still moves, so timers
/// scheduled by delay fire when the shifted clock says they are due.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset startAt) : TimeProvider
{
    public static readonly DateTimeOffset MondayMorning = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(7));

    private readonly TimeSpan _shift = startAt - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
