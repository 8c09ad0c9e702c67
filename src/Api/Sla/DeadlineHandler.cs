using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Dossiers.Api.Sla;

/// <summary>
/// A fired deadline timer, handled on Wolverine's aggregate handler workflow: the dossier is loaded under its row lock
/// and the state decides, as the "system" actor. A duplicated or late message changes nothing; one that arrives early
/// (clock skew between nodes) waits again until its time. A failure to save is retried by the policy in DossierStore.
/// </summary>
public static class DeadlineHandler
{
    public static async Task<(Events, OutgoingMessages)> Handle(DeadlineReached timer,
        [WriteAggregate(nameof(DeadlineReached.DossierId), LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive, Required = false)] IEventStream<Dossier> dossier,
        IDocumentSession session, CommandPipeline pipeline, TimeProvider clock, CancellationToken ct)
    {
        if (EarlyTimer.WaitAgain(timer, timer.FireAt, clock) is { } again) return ([], again);
        if (dossier.Aggregate is null) return ([], []);   // a timer of a dossier that is gone: nothing to check
        Observability.Telemetry.TimersFired.Add(1, new KeyValuePair<string, object?>("kind", timer.Kind.ToString()));
        var scope = pipeline.Open(CommandRequest.System(), session, ct);
        var (_, events, timers) = await scope.Decide(dossier, new DossierCommand.CheckDeadline(timer.Kind, timer.TaskId, timer.DueAt));
        return (events, timers);
    }
}
