using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using Wolverine;

namespace Dossiers.Api.Sla;

/// <summary>
/// Handles a fired deadline timer: let the state decide. A duplicated or late message changes nothing; one that
/// arrives early (clock skew between nodes) waits again until its time.
/// </summary>
public static class DeadlineHandler
{
    public static async Task Handle(DeadlineReached timer, DossierCommandRunner runner, TimeProvider clock, IMessageBus bus, CancellationToken ct)
    {
        var early = timer.FireAt - clock.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            await bus.ScheduleAsync(timer, early);
            return;
        }
        await runner.RunForSystem(timer.DossierId, new DossierCommand.CheckDeadline(timer.Kind, timer.TaskId, timer.DueAt), ct);
    }
}
