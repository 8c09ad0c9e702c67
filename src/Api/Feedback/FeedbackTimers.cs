using Dossiers.Api.Dossiers;
using Dossiers.Api.Sla;
using Dossiers.Engine.Control.Feedback;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Dossiers.Api.Feedback;

/// <summary>A durable timer: at <paramref name="DueAt"/>, ask the feedback whether its <paramref name="Deadline"/> was missed.</summary>
public sealed record FeedbackDeadlineReached(Guid FeedbackId, FeedbackDeadline Deadline, DateTimeOffset DueAt);

/// <summary>
/// Which timers a feedback decision's events call for, as the dossier's (Sla/DeadlineTimers): scheduled in the same
/// transaction as the events, never cancelled; one no longer relevant finds nothing to record.
/// </summary>
public static class FeedbackTimers
{
    public static IEnumerable<FeedbackDeadlineReached> For(IEnumerable<object> events)
    {
        foreach (var @event in events)
            switch (@event)
            {
                case FeedbackReceived e:
                    yield return new FeedbackDeadlineReached(e.FeedbackId, FeedbackDeadline.Refusal, e.RefuseBy);
                    yield return new FeedbackDeadlineReached(e.FeedbackId, FeedbackDeadline.SupplementRequest, e.SupplementRequestBy);
                    yield return new FeedbackDeadlineReached(e.FeedbackId, FeedbackDeadline.Resolution, e.ResolveBy);
                    break;
                case FeedbackSupplemented e:   // the resolution clock runs again, to a new due time
                    yield return new FeedbackDeadlineReached(e.FeedbackId, FeedbackDeadline.Resolution, e.ResolveBy);
                    break;
                case FeedbackAnswered e:
                    yield return new FeedbackDeadlineReached(e.FeedbackId, FeedbackDeadline.Publication, e.PublishBy);
                    break;
            }
    }
}

/// <summary>
/// A fired feedback timer, handled as a dossier's (Sla/DeadlineHandler): the feedback is loaded under its row lock and
/// the decider decides, as the "system" actor. A duplicated or late message changes nothing; an early one (clock skew
/// between nodes) waits again until its time. A failure to save is retried by the policy in DossierStore.
/// </summary>
public static class FeedbackDeadlineHandler
{
    public static async Task<(Events, OutgoingMessages)> Handle(FeedbackDeadlineReached timer,
        [WriteAggregate(nameof(FeedbackDeadlineReached.FeedbackId), LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive, Required = false)] IEventStream<CitizenFeedback> feedback,
        IDocumentSession session, FeedbackPipeline pipeline, TimeProvider clock, CancellationToken ct)
    {
        if (EarlyTimer.WaitAgain(timer, timer.DueAt, clock) is { } again) return ([], again);
        if (feedback.Aggregate is null) return ([], []);
        Observability.Telemetry.TimersFired.Add(1, new KeyValuePair<string, object?>("kind", $"feedback-{timer.Deadline}"));
        var scope = pipeline.Open(CommandRequest.System(), session, ct);
        var (_, events, timers) = await scope.Decide(feedback, new FeedbackCommand.CheckDeadline(timer.Deadline, timer.DueAt));
        return (events, timers);
    }
}
