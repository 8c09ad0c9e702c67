namespace Dossiers.Api.Hosting;

/// <summary>
/// The service's clock moved by a fixed offset (Clock:Offset, e.g. "-270.05:30:00"), for rehearsals and multi-process
/// tests that must stand inside office hours whenever they run: every node given the same offset shares one time.
/// Timers are scheduled by delay, so they fire when this clock says they are due. Refused in Production.
/// </summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public static TimeProvider From(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetValue<TimeSpan?>("Clock:Offset") is not { } offset || offset == TimeSpan.Zero) return System;
        if (environment.IsProduction())
            throw new InvalidOperationException("Clock:Offset is for rehearsals and tests; Production runs on the real time.");
        return new OffsetClock(offset);
    }
}
