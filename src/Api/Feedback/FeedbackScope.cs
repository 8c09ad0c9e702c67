using System.Text.Json;
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
/// One feedback command on its way through, the dossier command path applied to a feedback stream: replay of an
/// Idempotency-Key (<see cref="IdempotencyRecords"/>, the same table and rules), the body's checks, the expected
/// version, the pure <see cref="FeedbackDecider"/>, the answer remembered with the events, and the timers handed to
/// Wolverine's outbox.
/// </summary>
public sealed class FeedbackScope(FeedbackPipeline pipeline, CommandRequest request, IDocumentSession session, DateTimeOffset now, CancellationToken ct)
{
    public Actor Actor => request.Actor;
    public DateTimeOffset Now => now;

    public Task<(IResult, Events, OutgoingMessages)> Decide<TBody>(IEventStream<CitizenFeedback> stream, TBody body,
        Func<TBody, FeedbackCommand> command) where TBody : class, ICommandBody =>
        Decide(stream, Serialize(body), body.ExpectedVersion, body.Check(), () => command(body));

    /// <summary>A command without a body (a timer's check).</summary>
    public Task<(IResult, Events, OutgoingMessages)> Decide(IEventStream<CitizenFeedback> stream, FeedbackCommand command) =>
        Decide(stream, "", null, null, () => command);

    private async Task<(IResult, Events, OutgoingMessages)> Decide(IEventStream<CitizenFeedback> stream, string body, long? expectedFromBody,
        RequestCheck? check, Func<FeedbackCommand> command)
    {
        var fingerprint = Fingerprint(body);
        if (await Replayed(session, fingerprint) is { } replay) return Only(replay);
        if (check is { IsValid: false }) return Only(Results.Problem(check.Result()));
        var state = stream.Aggregate!;   // a missing feedback was answered 404 before the command ran
        if ((request.ExpectedVersion ?? expectedFromBody) is { } expected && expected != state.Version)
            return Only(Results.Problem(statusCode: 412, title: "The feedback has changed",
                detail: $"You sent version {expected}, but the feedback is at version {state.Version}. Reload it and decide again."));
        IReadOnlyList<object> events;
        try { events = FeedbackDecider.Decide(state, command(), pipeline.Context(Actor, now)); }
        catch (CommandRejected rejected) { return Only(CommandResults.Rejected(rejected, rejected.AllowedActions)); }
        return (Answer(state, events, fingerprint), [.. events], pipeline.Timers(events, now));
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
        var fingerprint = Fingerprint(Serialize(body));
        if (await Replayed(session, fingerprint) is { } replay) return replay;
        var (command, problem) = await ready();
        if (command is null) return problem!;
        IReadOnlyList<object> events;
        try { events = FeedbackDecider.Decide(null, command, pipeline.Context(Actor, now)); }
        catch (CommandRejected rejected) { return CommandResults.Rejected(rejected, []); }
        session.Events.StartStream<CitizenFeedback>(command.FeedbackId, [.. events]);
        var answer = shown is null ? Answer(null, events, fingerprint) : Results.Json(shown(FeedbackDecider.Fold(null, events)!), statusCode: 201);
        foreach (var timer in FeedbackTimers.For(events)) await bus.ScheduleAsync(timer, timer.DueAt - now);
        try
        {
            await session.SaveChangesAsync(ct);
            return answer;
        }
        catch (JasperFx.DocumentAlreadyExistsException) when (request.IdempotencyKey is not null)
        {
            // The same request, sent twice at once: the first one's answer.
            session.EjectAllPendingChanges();
            await using var fresh = session.DocumentStore.LightweightSession();
            return await Replayed(fresh, fingerprint)
                ?? Results.Problem(statusCode: 409, title: "The same request is in progress", detail: "Send it again in a moment for its answer.");
        }
    }

    // Only a request with a key is compared with another, so only then is its body hashed.
    private string Fingerprint(string body) =>
        request.IdempotencyKey is null ? "" : IdempotencyRecords.Fingerprint(request.Method, request.Path, body);

    private async Task<IResult?> Replayed(IDocumentSession reader, string fingerprint) =>
        request.IdempotencyKey is { } key ? await pipeline.Idempotency.Replay(reader, Actor.User, key, fingerprint, ct) : null;

    /// <summary>The feedback after the events (201 for a new one), without the contact, remembered for a retry.</summary>
    private IResult Answer(CitizenFeedback? state, IReadOnlyList<object> events, string fingerprint)
    {
        var after = FeedbackDecider.Fold(state, events)! with { Version = (state?.Version ?? 0) + events.Count };
        var view = FeedbackView.Of(after, withContact: false);
        var (status, etag, location) = (state is null ? 201 : 200, $"\"{view.Version}\"", state is null ? $"/api/feedback/{view.Id}" : null);
        if (request.IdempotencyKey is { } key)
            pipeline.Idempotency.Remember(session, Actor.User, key, fingerprint, status, JsonSerializer.Serialize(view, pipeline.Json), etag, location);
        return new VersionedAnswer(view, status, etag, location);
    }

    private string Serialize<TBody>(TBody body) => JsonSerializer.Serialize(body, pipeline.Json);

    private static (IResult, Events, OutgoingMessages) Only(IResult answer) => (answer, [], []);

    /// <summary>The view with its version as a strong ETag (for If-Match), and a new feedback's Location.</summary>
    private sealed class VersionedAnswer(FeedbackView view, int status, string etag, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers.ETag = etag;
            if (location is not null) http.Response.Headers.Location = location;
            await Results.Json(view, statusCode: status).ExecuteAsync(http);
        }
    }
}
