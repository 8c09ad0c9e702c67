using System.Security.Claims;
using System.Text.Json;
using Dossiers.Api.Auth;
using Dossiers.Api.Workflows;
using Dossiers.Engine;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using JasperFx;
using Marten;
using Dossiers.Api.Sla;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.Marten;
using Wolverine.Runtime;

namespace Dossiers.Api.Dossiers;

/// <summary>
/// Runs one dossier command end to end: load the stream (checking If-Match), ask the pure decider, append its events
/// with who and why, and answer. Concurrent writers are serialised by the stream version: a loser without If-Match
/// is retried on the fresh state (the decider then refuses or agrees); with If-Match it gets 412.
/// An Idempotency-Key makes a retried request answer as the first time and append nothing.
/// </summary>
public sealed class DossierCommandRunner(
    IDocumentStore store,
    WorkflowLibrary library,
    AgencyRegistries registries,
    WorkingCalendar calendar,
    TimeProvider clock,
    IWolverineRuntime runtime,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    private const int Attempts = 8;

    public async Task<IResult> Submit(HttpContext http, DossierCommand.Submit command)
    {
        var request = CommandRequest.Read(http);
        if (request.Problem is { } bad) return bad;
        if (await Replayed(request) is { } replay) return replay;

        await using var session = Open(request);
        var workflow = await library.Latest(session, command.ProcedureCode, http.RequestAborted);
        if (workflow is null)
            return CommandResults.Invalid("procedureCode", $"No published workflow for procedure {command.ProcedureCode}. See GET /api/workflows.");
        IReadOnlyList<object> events;
        try { events = DossierDecider.Decide(null, command, Context(workflow, request.Actor, registries.Current)); }
        catch (CommandRejected rejected) { return CommandResults.Rejected(rejected); }
        session.Events.StartStream<Dossier>(command.DossierId, [.. events]);
        var view = DossierView.Of(DossierDecider.Fold(null, events)! with { Version = events.Count });
        var result = CommandResults.Created(view);
        await ScheduleTimers(session, events, clock.GetUtcNow());
        Remember(session, request, 201, view);
        try
        {
            await session.SaveChangesAsync(http.RequestAborted);
            return result;
        }
        catch (Exception e) when (IsRace(e) && request.IdempotencyKey is not null)
        {
            // The same request, sent twice at once: the first one's answer.
            return await Replayed(request) ?? CommandResults.Stale(null);
        }
    }

    /// <summary>A command with a body: the body's own checks first (400 naming the field), then the command.</summary>
    public Task<IResult> Run<TBody>(HttpContext http, Guid dossierId, TBody? body, Func<TBody, DossierCommand> command) where TBody : class, ICommandBody =>
        body is null ? Task.FromResult(CommandResults.Invalid("body", "must be a JSON object."))
        : body.Check() is { IsValid: false } check ? Task.FromResult<IResult>(Results.Problem(check.Result()))
        : Run(http, dossierId, command(body), body.ExpectedVersion);

    public async Task<IResult> Run(HttpContext http, Guid dossierId, DossierCommand command, long? expectedVersionFromBody = null)
    {
        var request = CommandRequest.Read(http, expectedVersionFromBody);
        return request.Problem ?? await Execute(request, dossierId, command, http.RequestAborted);
    }

    /// <summary>A command of the system itself (a deadline timer): recorded as the "system" actor.</summary>
    public Task<IResult> RunForSystem(Guid dossierId, DossierCommand command, CancellationToken ct) =>
        Execute(CommandRequest.System(), dossierId, command, ct);

    private async Task<IResult> Execute(CommandRequest request, Guid dossierId, DossierCommand command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await Replayed(request) is { } replay) return replay;
            await using var session = Open(request);
            try
            {
                return await Attempt(session, request, dossierId, command, ct);
            }
            catch (Exception e) when (IsRace(e) && request.ExpectedVersion is null && attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(2, 10 * attempt), ct);   // someone else wrote first: decide again on fresh state
            }
            catch (Exception e) when (IsRace(e))
            {
                return CommandResults.Stale(request.ExpectedVersion);
            }
            catch (CommandRejected rejected)
            {
                return CommandResults.Rejected(rejected);
            }
        }
    }

    private async Task<IResult> Attempt(IDocumentSession session, CommandRequest request, Guid dossierId, DossierCommand command, CancellationToken ct)
    {
        var stream = request.ExpectedVersion is { } expected
            ? await session.Events.FetchForWriting<Dossier>(dossierId, expected, ct)
            : await session.Events.FetchForWriting<Dossier>(dossierId, ct);
        if (stream.Aggregate is not { } state) return CommandResults.NotFound(dossierId);
        var workflow = await library.Find(session, state.DefinitionId, state.DefinitionVersion, ct)
            ?? throw new InvalidOperationException($"Workflow {state.DefinitionId} v{state.DefinitionVersion} of dossier {dossierId} is missing.");
        var context = Context(workflow, request.Actor, registries.For(state.RegistryVersion));

        if (command is DossierCommand.Accept && DossierDecider.ReceivingCentre(state, request.Actor) is { } centre)
            command = new DossierCommand.Accept(await NextRegisterNumber(session, centre, context.Now, ct));
        var events = DossierDecider.Decide(state, command, context);

        stream.AppendMany([.. events]);
        foreach (var accepted in events.OfType<DossierAccepted>())
        {
            var line = DeskRegister.LineFor(accepted);
            session.Events.Append(line.RegisterId, line);
        }
        var view = DossierView.Of(DossierDecider.Fold(state, events)! with { Version = state.Version + events.Count });
        Remember(session, request, 200, view);
        await ScheduleTimers(session, events, context.Now);
        await session.SaveChangesAsync(ct);
        return CommandResults.Ok(view);
    }

    // Timers go through Wolverine's outbox on this session: stored in the same transaction as the events, so a
    // rolled-back decision schedules nothing and a committed one cannot lose its timers.
    private async Task ScheduleTimers(IDocumentSession session, IReadOnlyList<object> events, DateTimeOffset now)
    {
        var timers = DeadlineTimers.For(events, calendar, now).ToList();
        if (timers.Count == 0) return;
        var outbox = new MartenOutbox(runtime, session);
        foreach (var timer in timers)
            await outbox.ScheduleAsync(timer, timer.FireAt - now);   // a delay, so a shifted test clock still fires on time
    }

    // Every accept of a desk's day takes the next number of one register stream: a row lock on it queues concurrent
    // accepts instead of letting them race and retry (retries would also leave gaps that stall the async daemon).
    private static async Task<int> NextRegisterNumber(IDocumentSession session, string centre, DateTimeOffset now, CancellationToken ct)
    {
        var id = DeskRegister.IdFor(centre, now);
        var register = await session.Events.FetchForExclusiveWriting<DeskRegister>(id, ct);
        return (register.Aggregate?.Count ?? 0) + 1;
    }

    private DecisionContext Context(WorkflowDefinition workflow, Actor actor, AgencyRegistry registry) =>
        new(workflow, calendar, actor, WorkingCalendar.ToVietnam(clock.GetUtcNow()), registry);

    private IDocumentSession Open(CommandRequest request)
    {
        var session = store.LightweightSession();
        session.CorrelationId = request.CorrelationId;
        session.CausationId = request.IdempotencyKey ?? request.RequestId;
        session.SetHeader("user", request.Actor.User);
        session.SetHeader("role", request.Actor.Role);
        if (request.Actor.Agency is { } agency) session.SetHeader("agency", agency);
        return session;
    }

    private void Remember(IDocumentSession session, CommandRequest request, int status, DossierView view)
    {
        if (request.IdempotencyKey is not { } key) return;
        session.Insert(new IdempotencyRecord(IdempotencyRecord.IdFor(request.Actor.User, key), request.Method, request.Path, status,
            JsonSerializer.Serialize(view, json.Value.SerializerOptions), clock.GetUtcNow()));
    }

    private async Task<IResult?> Replayed(CommandRequest request)
    {
        if (request.IdempotencyKey is not { } key) return null;
        await using var query = store.QuerySession();
        if (await query.LoadAsync<IdempotencyRecord>(IdempotencyRecord.IdFor(request.Actor.User, key)) is not { } record) return null;
        return record.Method == request.Method && record.Path == request.Path
            ? CommandResults.Replay(record)
            : CommandResults.Invalid("Idempotency-Key", "This key was already used for a different request; use a new key for each command.", 422);
    }

    private static bool IsRace(Exception e) =>
        e is ConcurrencyException or DocumentAlreadyExistsException or JasperFx.Events.ExistingStreamIdCollisionException
            or Marten.Exceptions.ExistingStreamIdCollisionException;
}
