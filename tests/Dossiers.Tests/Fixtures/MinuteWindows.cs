namespace Dossiers.Tests.Fixtures;

/// <summary>
/// The lookup's rate limit counts in whole minutes of the service's clock: a burst that straddled two would be counted
/// in both halves. When the next minute is under 5 s away, a test starts in it (a computed wait, not a guess).
/// </summary>
public static class MinuteWindows
{
    public static async Task ClearOfABoundary(TimeProvider clock)
    {
        var left = TimeSpan.FromMinutes(1) - TimeSpan.FromTicks(clock.GetUtcNow().Ticks % TimeSpan.TicksPerMinute);
        if (left < TimeSpan.FromSeconds(5)) await Task.Delay(left + TimeSpan.FromMilliseconds(50));
    }
}
