using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Dossiers.Api.Feedback;

/// <summary>
/// One feedback command on its way through, the dossier command path applied to a feedback stream: the dossier
/// commands' <see cref="CommandScope"/> replays and remembers answers under an Idempotency-Key (the same records and
/// rules) and gives who acts, when and the If-Match version; here are the body's checks, the expected version, the pure
/// <see cref="FeedbackDecider"/>, and the timers handed to Wolverine's outbox.
/// </summary>
public sealed class FeedbackScope(FeedbackPipeline pipeline, CommandScope commands)
{
    public Actor Actor => commands.Actor;
    public DateTimeOffset Now => commands.Now;

    public Task<(IResult, Events, OutgoingMessages)> Decide<TBody>(IEventStream<CitizenFeedback> stream, TBody body,
        Func<TBody, FeedbackCommand> command) where TBody : class, ICommandBody =>
        Decide(stream, body, body.ExpectedVersion, body.Check(), () => command(body));

    /// <summary>A command without a body (a timer's check).</summary>
    public Task<(IResult, Events, OutgoingMessages)> Decide(IEventStream<CitizenFeedback> stream, FeedbackCommand command) =>
        Decide<object>(stream, null, null, null, () => command);

    private async Task<(IResult, Events, OutgoingMessages)> Decide<TBody>(IEventStream<CitizenFeedback> stream, TBody? body, long? expectedFromBody,
        RequestCheck? check, Func<FeedbackCommand> command) where TBody : class
    {
        if (body is not null && await commands.Replay(body) is { } replay) return Only(replay);
        if (check is { IsValid: false }) return Only(Results.Problem(check.Result()));
        var state = stream.Aggregate!;   // a missing feedback was answered 404 before the command ran
        if ((commands.ExpectedVersion ?? expectedFromBody) is { } expected && expected != state.Version)
            return Only(CommandResults.Stale(expected, state.Version, "feedback"));
        IReadOnlyList<object> events;
        try { events = FeedbackDecider.Decide(state, command(), pipeline.Context(Actor, Now)); }
        catch (CommandRejected rejected) { return Only(CommandResults.Rejected(rejected, rejected.AllowedActions)); }
        return (Answer(state, events, body), [.. events], pipeline.Timers(events, Now));
    }

    /// <summary>
    /// A new feedback: decided, its stream started and saved here, its timers scheduled through <paramref name="bus"/>
    /// (enlisted in this session's transaction), so a duplicate key sent at the same instant gets the first answer.
    /// <paramref name="ready"/> runs after the replay and may refuse (the body's checks, the dossier and procedure look-ups).
    /// </summary>
    /// <param name="shown">What the caller is answered instead of the staff view (a citizen's receipt); not remembered.</param>
    public async Task<IResult> Receive<TBody>(TBody body, Func<Task<(FeedbackCommand.Receive?, IResult?)>> ready, IMessageBus bus,
        Func<CitizenFeedback, object>? shown = null) where TBody : class
    {
        if (await commands.Replay(body) is { } replay) return replay;
        var (command, problem) = await ready();
        if (command is null) return problem!;
        IReadOnlyList<object> events;
        try { events = FeedbackDecider.Decide(null, command, pipeline.Context(Actor, Now)); }
        catch (CommandRejected rejected) { return CommandResults.Rejected(rejected, []); }
        commands.Session.Events.StartStream<CitizenFeedback>(command.FeedbackId, [.. events]);
        var answer = shown is null ? Answer(null, events, body) : Results.Json(shown(FeedbackDecider.Fold(null, events)!), statusCode: 201);
        foreach (var timer in FeedbackTimers.For(events)) await bus.ScheduleAsync(timer, timer.DueAt - Now);
        try
        {
            await commands.Session.SaveChangesAsync(commands.Cancellation);
            return answer;
        }
        catch (JasperFx.DocumentAlreadyExistsException)
        {
            // The same request, sent twice at once (only a kept answer can collide): the first one's answer.
            commands.Session.EjectAllPendingChanges();
            await using var fresh = commands.Session.DocumentStore.LightweightSession();
            return await commands.Replay(body, fresh)
                ?? Results.Problem(statusCode: 409, title: "The same request is in progress", detail: "Send it again in a moment for its answer.");
        }
    }

    /// <summary>The feedback after the events (201 for a new one), without the contact, remembered for a retry of <paramref name="body"/>.</summary>
    private IResult Answer(CitizenFeedback? state, IReadOnlyList<object> events, object? body)
    {
        var after = FeedbackDecider.Fold(state, events)! with { Version = (state?.Version ?? 0) + events.Count };
        var view = FeedbackView.Of(after, withContact: false);
        var (status, location) = (state is null ? 201 : 200, state is null ? $"/api/feedback/{view.Id}" : null);
        return body is null ? new CommandResults.VersionedResult<FeedbackView>(view, view.Version, status, location)
            : commands.Answered(body, view, view.Version, status, location);
    }

    private static (IResult, Events, OutgoingMessages) Only(IResult answer) => (answer, [], []);
}
