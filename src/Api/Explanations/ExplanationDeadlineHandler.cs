using Dossiers.Api.Dossiers;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Dossiers.Api.Explanations;

/// <summary>A durable timer: at <paramref name="DueAt"/>, ask the explanation request whether it is still unanswered.</summary>
public sealed record ExplanationDeadlineReached(Guid ExplanationId, DateTimeOffset DueAt);

/// <summary>
/// A fired answer deadline, handled as the dossiers' deadline timers are (Sla/DeadlineHandler): the request is loaded
/// under its row lock and the decider records <see cref="ExplanationOverdue"/> only if it is still unanswered, as the
/// "system" actor. A duplicated or late timer changes nothing; an early one (clock skew between nodes) waits again.
/// </summary>
public static class ExplanationDeadlineHandler
{
    /// <summary>The timers a request's events call for: one at its answer's deadline. Never cancelled.</summary>
    public static IEnumerable<ExplanationDeadlineReached> TimersFor(IEnumerable<object> events) =>
        events.OfType<ExplanationRequested>().Select(e => new ExplanationDeadlineReached(e.ExplanationId, e.AnswerDueAt));

    public static async Task<(Events, OutgoingMessages)> Handle(ExplanationDeadlineReached timer,
        [WriteAggregate(nameof(ExplanationDeadlineReached.ExplanationId), LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive, Required = false)] IEventStream<Explanation> explanation,
        IDocumentSession session, CommandPipeline pipeline, ExplanationRules rules, WorkingCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var early = timer.DueAt - clock.GetUtcNow();
        if (early > TimeSpan.Zero)
        {
            var again = new OutgoingMessages();
            again.Delay(timer, early);
            return ([], again);
        }
        if (explanation.Aggregate is not { } state) return ([], []);   // a request that is gone: nothing to check
        Observability.Telemetry.TimersFired.Add(1, new KeyValuePair<string, object?>("kind", "Explanation"));
        var scope = pipeline.Open(CommandRequest.System(), session, ct);   // who and why on the event: the system
        var events = ExplanationDecider.Decide(state, new ExplanationCommand.CheckDeadline(timer.DueAt),
            new ExplanationContext(calendar, scope.Actor, scope.Now, rules));
        return ([.. events], []);
    }
}
