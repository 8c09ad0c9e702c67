global using DossierDecision = (Microsoft.AspNetCore.Http.IResult Answer, Wolverine.Marten.Events Events, Wolverine.OutgoingMessages Timers);
using System.Text.Json;
using Dossiers.Api.Sla;
using Dossiers.Api.Workflows;
using Dossiers.Engine;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Marten;
using Microsoft.Extensions.Options;
using Wolverine;

namespace Dossiers.Api.Dossiers;

/// <summary>
/// The services every dossier command shares (workflows, registries, calendar, clock, idempotency), and the opening of
/// one command's <see cref="CommandScope"/> on the session Wolverine made for the request.
/// </summary>
public sealed class CommandPipeline(
    WorkflowLibrary library,
    AgencyRegistries registries,
    WorkingCalendar calendar,
    TimeProvider clock,
    IdempotencyRecords idempotency,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public WorkflowLibrary Library => library;
    public AgencyRegistries Registries => registries;
    public IdempotencyRecords Idempotency => idempotency;
    public JsonSerializerOptions Json => json.Value.SerializerOptions;

    /// <summary>Stamps who and why on the session (every event it appends carries them) and fixes the command's instant.</summary>
    public CommandScope Open(CommandRequest request, IDocumentSession session, CancellationToken ct)
    {
        Stamp(request, session);
        return new CommandScope(this, request, session, WorkingCalendar.ToVietnam(clock.GetUtcNow()), ct);
    }

    /// <summary>Who and why, on a session whose events must carry them (every command's, a citizen feedback's too).</summary>
    public static void Stamp(CommandRequest request, IDocumentSession session)
    {
        session.CorrelationId = request.CorrelationId;
        session.CausationId = request.IdempotencyKey ?? request.RequestId;
        session.SetHeader("user", request.Actor.User);
        session.SetHeader("role", request.Actor.Role);
        if (request.Actor.Agency is { } agency) session.SetHeader("agency", agency);
    }

    public DecisionContext Context(WorkflowDefinition workflow, Actor actor, AgencyRegistry registry, DateTimeOffset now) =>
        new(workflow, calendar, actor, now, registry);

    /// <summary>
    /// The deadline timers a decision's events call for, as Wolverine cascading messages: stored by its outbox in the
    /// same transaction as the events. A delay, not an instant, so a shifted test clock still fires on time.
    /// </summary>
    public OutgoingMessages Timers(IReadOnlyList<object> events, DateTimeOffset now)
    {
        var timers = new OutgoingMessages();
        foreach (var (timer, delay) in Delays(events, now)) timers.Delay(timer, delay);
        return timers;
    }

    public IEnumerable<(DeadlineReached Timer, TimeSpan Delay)> Delays(IReadOnlyList<object> events, DateTimeOffset now) =>
        DeadlineTimers.For(events, calendar, now).Select(timer => (timer, timer.FireAt - now));
}
