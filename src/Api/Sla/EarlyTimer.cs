using Wolverine;

namespace Dossiers.Api.Sla;

/// <summary>
/// A durable timer that fires before its time (the nodes' clocks differ a little) waits again for the rest, rather
/// than asking the decider too soon: every timer handler starts with this.
/// </summary>
public static class EarlyTimer
{
    /// <summary>The timer sent again after the time still to wait, or null when <paramref name="fireAt"/> has come.</summary>
    public static OutgoingMessages? WaitAgain<T>(T timer, DateTimeOffset fireAt, TimeProvider clock) where T : notnull
    {
        var early = fireAt - clock.GetUtcNow();
        if (early <= TimeSpan.Zero) return null;
        var again = new OutgoingMessages();
        again.Delay(timer, early);
        return again;
    }
}
