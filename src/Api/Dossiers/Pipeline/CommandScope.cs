using System.Text.Json;
using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using JasperFx.Events;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace Dossiers.Api.Dossiers;

/// <summary>
/// One dossier command on its way through: who sent it and how (If-Match, Idempotency-Key), the session and the instant.
/// <see cref="Decide{TBody}"/> is the whole command path after loading: replay, body checks, expected version, the
/// pure decider, the answer remembered for retries, and the events and timers handed back to Wolverine to save.
/// </summary>
public sealed class CommandScope(CommandPipeline pipeline, CommandRequest request, IDocumentSession session, DateTimeOffset now, CancellationToken ct)
{
    public Actor Actor => request.Actor;
    public IDocumentSession Session => session;
    public DateTimeOffset Now => now;
    public CancellationToken Cancellation => ct;

    public Task<DossierDecision> Decide<TBody>(IEventStream<Dossier> stream, TBody body, Func<TBody, DossierCommand> command)
        where TBody : class, ICommandBody =>
        Decide(stream, () => Serialize(body), body.ExpectedVersion, body.Check(), _ => Task.FromResult(command(body)));

    public Task<DossierDecision> Decide(IEventStream<Dossier> stream, DossierCommand command) =>
        Decide(stream, () => "", null, null, _ => Task.FromResult(command));

    /// <summary>For a command that needs the pinned workflow to be built (a migration names the target version).</summary>
    public Task<DossierDecision> Decide<TBody>(IEventStream<Dossier> stream, TBody body, Func<TBody, WorkflowDefinition, Task<DossierCommand>> command)
        where TBody : class, ICommandBody =>
        Decide(stream, () => Serialize(body), body.ExpectedVersion, body.Check(), workflow => command(body, workflow));

    private async Task<DossierDecision> Decide(IEventStream<Dossier> stream, Func<string> body, long? expectedFromBody,
        Validation.RequestCheck? check, Func<WorkflowDefinition, Task<DossierCommand>> command)
    {
        var kept = HeaderKey;
        var fingerprint = Fingerprint(kept, body);
        if (await Replayed(session, kept, fingerprint) is { } replay) return Only(replay);
        if (check is { IsValid: false }) return Only(Results.Problem(check.Result()));
        var state = stream.Aggregate!;   // a missing dossier was answered 404 before the command ran
        if ((request.ExpectedVersion ?? expectedFromBody) is { } expected && expected != state.Version)
            return Only(CommandResults.Stale(expected, state.Version));

        var verdict = await Judge(state, command);
        if (verdict.Rejection is { } rejected)
            return Only(CommandResults.Rejected(rejected, NextActions.For(state, Actor, verdict.Workflow.Procedure)));
        return (Answer(state, verdict.Events, verdict.Workflow.Procedure, fingerprint, kept), [.. verdict.Events], pipeline.Timers(verdict.Events, now));
    }

    /// <summary>
    /// What the decider says about a command on this state, in the context every command gets (the pinned workflow, the
    /// dossier's agency registry, the actor, this scope's instant): the events, or the rejection. Nothing is saved or
    /// remembered, so a bulk migration previews with it and then migrates with it under each dossier's lock.
    /// </summary>
    public async Task<Verdict> Judge(Dossier state, Func<WorkflowDefinition, Task<DossierCommand>> command)
    {
        var workflow = await pipeline.Library.Find(session, state.DefinitionId, state.DefinitionVersion, ct)
            ?? throw new InvalidOperationException($"Workflow {state.DefinitionId} v{state.DefinitionVersion} of dossier {state.Id} is missing.");
        var context = pipeline.Context(workflow, Actor, pipeline.Registries.For(state.RegistryVersion), now);
        // Building the command is inside the rejection handler: a migration whose target is missing is a rejection.
        try { return new Verdict(state, workflow, Judge(state, await command(workflow), context), null); }
        catch (CommandRejected rejected) { return new Verdict(state, workflow, [], rejected); }
    }

    /// <summary>The version the caller expects (If-Match), for a command on a stream of its own (an explanation request).</summary>
    public long? ExpectedVersion => request.ExpectedVersion;

    /// <summary>
    /// For a command on a stream of its own that answers its own document (an explanation request): the earlier answer
    /// to this Idempotency-Key and body (or the 422 of a key reused for another request); null for a first request.
    /// </summary>
    /// <param name="reader">Another session to read it with (after this one lost a race to save the same request).</param>
    public Task<IResult?> Replay<TBody>(TBody body, IDocumentSession? reader = null) where TBody : class =>
        Replayed(reader ?? session, HeaderKey, Fingerprint(HeaderKey, () => Serialize(body)));

    /// <summary>Keeps such a command's answer under its Idempotency-Key (none without one), in this session's transaction.</summary>
    public void Remember<TBody>(TBody body, int status, object answer, string? etag, string? location) where TBody : class
    {
        if (HeaderKey is not { } kept) return;
        pipeline.Idempotency.Remember(session, kept.Owner, kept.Key, Fingerprint(kept, () => Serialize(body)), status,
            JsonSerializer.Serialize(answer, answer.GetType(), pipeline.Json), etag, location);
    }

    /// <summary>Such a command's answer, kept under its Idempotency-Key (none without one) in this session's transaction.</summary>
    public IResult Answered<TBody, TView>(TBody body, TView view, long version, int status, string? location) where TBody : class where TView : notnull
    {
        var answer = new CommandResults.VersionedResult<TView>(view, version, status, location);
        Remember(body, status, view, answer.ETag, location);
        return answer;
    }

    /// <summary>The timers a decision's events call for, with the delay from this scope's instant.</summary>
    public IEnumerable<(Sla.DeadlineReached Timer, TimeSpan Delay)> Delays(IReadOnlyList<object> events) => pipeline.Delays(events, now);

    /// <summary>A new dossier: on the procedure's latest published workflow and the current agency registry.</summary>
    /// <remarks>Saves itself, to answer a duplicate sent at the same instant with the first one's answer; the timers go
    /// through <paramref name="bus"/>, which Wolverine enlisted in this session's transaction (its outbox).
    /// <paramref name="key"/> replaces the Idempotency-Key header: the national portal's reference, kept for every
    /// portal client alike, so the same portal dossier sent twice is one dossier and gets the first answer.</remarks>
    public async Task<IResult> Submit<TBody>(TBody body, DossierCommand.Submit command, IMessageBus bus, SubmissionKey? key = null) where TBody : class
    {
        var kept = key ?? HeaderKey;
        var fingerprint = Fingerprint(kept, () => Serialize(body));
        if (await Replayed(session, kept, fingerprint) is { } replay) return replay;
        // Its first answer forgotten (Idempotency:KeepFor), a portal dossier sent again is still the same dossier. The
        // answer is asked for again first: the same request sent at the same instant may have committed the dossier and
        // its answer (one transaction) since the first look, and its answer (201) is this one's too.
        if (key is not null && await Existing(session, command.DossierId) is { } existing)
            return await Replayed(session, kept, fingerprint) ?? existing;
        var workflow = await pipeline.Library.Latest(session, command.ProcedureCode, ct);
        if (workflow is null)
            return CommandResults.Invalid("procedureCode", $"No published workflow for procedure {command.ProcedureCode}. See GET /api/workflows.");
        var context = pipeline.Context(workflow, Actor, pipeline.Registries.Current, now);
        IReadOnlyList<object> events;
        try { events = Judge(null, command, context); }
        catch (CommandRejected rejected) { return CommandResults.Rejected(rejected, []); }

        session.Events.StartStream<Dossier>(command.DossierId, [.. events]);
        var answer = Answer(null, events, workflow.Procedure, fingerprint, kept);
        foreach (var (timer, delay) in pipeline.Delays(events, now)) await bus.ScheduleAsync(timer, delay);
        try
        {
            await session.SaveChangesAsync(ct);
            return answer;
        }
        // The kept answer's insert loses to the first one; a portal dossier's stream (its id from the reference) may lose
        // first. Both Marten's and JasperFx's collision types are named: which one surfaces depends on the append path.
        catch (Exception e) when (kept is not null
                                  && (e is JasperFx.DocumentAlreadyExistsException
                                      || (key is not null && e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)))
        {
            // The same request, sent twice at once: the first one's answer.
            session.EjectAllPendingChanges();
            Observability.Telemetry.Races.Add(1, new KeyValuePair<string, object?>("kind", "same-request"));
            await using var fresh = session.DocumentStore.LightweightSession();
            return await Replayed(fresh, kept, fingerprint)
                ?? (key is not null ? await Existing(fresh, command.DossierId) : null)
                ?? Results.Problem(statusCode: 409, title: "The same request is in progress", detail: "Send it again in a moment for its answer.");
        }
    }

    /// <summary>The dossier as it is now (200), when one with this id exists.</summary>
    private async Task<IResult?> Existing(IDocumentSession reader, Guid id)
    {
        if (await reader.LoadAsync<Dossier>(id, ct) is not { } state) return null;
        var workflow = await pipeline.Library.Find(reader, state.DefinitionId, state.DefinitionVersion, ct);
        return workflow is null ? null : CommandResults.Ok(DossierView.Of(state, Actor, workflow.Procedure));
    }

    /// <summary>The pure decider, traced as a span of its own and counted by command and outcome.</summary>
    private static IReadOnlyList<object> Judge(Dossier? state, DossierCommand command, DecisionContext context)
    {
        var name = command.GetType().Name;
        var span = Observability.Telemetry.Deciding(name);
        try
        {
            var events = DossierDecider.Decide(state, command, context);
            Observability.Telemetry.Decided(span, name, "decided", events.Count);
            return events;
        }
        catch (CommandRejected)
        {
            Observability.Telemetry.Decided(span, name, "rejected", 0);
            throw;
        }
    }

    /// <summary>The Idempotency-Key header's key, kept for the caller; none without the header.</summary>
    private SubmissionKey? HeaderKey =>
        request.IdempotencyKey is { } key ? new SubmissionKey(Actor.User, key, IdempotencyRecords.HeaderField) : null;

    // Only a request with a key is compared with another, so only then is its body serialised and hashed.
    private string Fingerprint(SubmissionKey? key, Func<string> body) =>
        key is null ? "" : IdempotencyRecords.Fingerprint(request.Method, request.Path, body());

    private async Task<IResult?> Replayed(IDocumentSession reader, SubmissionKey? key, string fingerprint) =>
        key is null ? null : await pipeline.Idempotency.Replay(reader, key.Owner, key.Key, fingerprint, ct, key.Field);

    /// <summary>The dossier after the events, as the caller sees it (201 for a new one), remembered for a retry.</summary>
    private CommandResults.ViewResult Answer(Dossier? state, IReadOnlyList<object> events, ProcedureInfo procedure, string fingerprint,
        SubmissionKey? kept)
    {
        var after = DossierDecider.Fold(state, events)! with { Version = (state?.Version ?? 0) + events.Count };
        var view = DossierView.Of(after, Actor, procedure);
        var answer = state is null ? CommandResults.Created(view) : CommandResults.Ok(view);
        if (kept is not null)
            pipeline.Idempotency.Remember(session, kept.Owner, kept.Key, fingerprint, answer.Status,
                JsonSerializer.Serialize(view, pipeline.Json), answer.ETag, answer.Location);
        return answer;
    }

    private string Serialize<TBody>(TBody body) => JsonSerializer.Serialize(body, pipeline.Json);

    private static DossierDecision Only(IResult answer) => (answer, [], []);
}

/// <summary>The decider's answer on one dossier: the events it would append, or why it refuses.</summary>
public sealed record Verdict(Dossier Before, WorkflowDefinition Workflow, IReadOnlyList<object> Events, CommandRejected? Rejection)
{
    /// <summary>The dossier after the events (the one before, when refused).</summary>
    public Dossier After => DossierDecider.Fold(Before, Events)!;
}

/// <summary>
/// Who a command's answer is kept for and under which key, named <paramref name="Field"/> in a 422: the caller and the
/// Idempotency-Key header, or, for the national portal, the portal and its own dossier reference.
/// </summary>
public sealed record SubmissionKey(string Owner, string Key, string Field);
