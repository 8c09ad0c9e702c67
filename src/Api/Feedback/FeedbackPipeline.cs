using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Workflows;
using Dossiers.Engine;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Feedback;
using JasperFx.CodeGeneration;
using JasperFx;
using Marten;
using Wolverine;
using Wolverine.Attributes;
using Wolverine.Configuration;
using Wolverine.Http;

namespace Dossiers.Api.Feedback;

/// <summary>
/// What every feedback command shares: the calendar, the QĐ 766 limits, the agency registry, and the dossier commands'
/// path (who and why on the events, the instant, the Idempotency-Key's records); and the opening of one command's
/// <see cref="FeedbackScope"/>.
/// </summary>
public sealed class FeedbackPipeline(
    WorkingCalendar calendar,
    FeedbackTimeLimits limits,
    AgencyRegistries registries,
    CommandPipeline commands)
{
    /// <summary>Who a citizen sending feedback online is, on its events: nobody named.</summary>
    public static readonly Actor Citizen = new("citizen", "public", null);

    /// <summary>Opens the dossier commands' scope (who and why stamped on the session, the command's instant) for a feedback.</summary>
    public FeedbackScope Open(CommandRequest request, IDocumentSession session, CancellationToken ct) =>
        new(this, commands.Open(request, session, ct), session, ct);

    public FeedbackContext Context(Actor actor, DateTimeOffset now) => new(calendar, limits, registries.Current, actor, now);

    /// <summary>The timers a decision's events call for, as Wolverine cascading messages stored by its outbox with the events.</summary>
    public OutgoingMessages Timers(IEnumerable<object> events, DateTimeOffset now)
    {
        var timers = new OutgoingMessages();
        foreach (var timer in FeedbackTimers.For(events)) timers.Delay(timer, timer.DueAt - now);
        return timers;
    }
}

/// <summary>
/// Runs before every feedback command endpoint (after Wolverine loaded and locked the feedback): reads the request's
/// headers as dossier commands do (If-Match, Idempotency-Key, correlation; 400 when one is malformed) and opens the
/// command's <see cref="FeedbackScope"/> on Wolverine's session.
/// </summary>
public static class FeedbackCommandMiddleware
{
    public static (FeedbackScope?, IResult) Before(HttpContext http, IDocumentSession session, FeedbackPipeline pipeline)
    {
        var (request, problem) = CommandRequest.Read(http);
        return request is null ? (null, problem!) : (pipeline.Open(request, session, http.RequestAborted), WolverineContinue.Result());
    }
}

/// <summary>Marks a feedback command: <see cref="FeedbackCommandMiddleware"/> runs first; the OpenAPI document lists its answers.</summary>
public sealed class FeedbackCommandAttribute() : MiddlewareAttribute(typeof(FeedbackCommandMiddleware))
{
    /// <summary>The command starts a feedback: 201 with Location; nothing to miss (404) or match (412).</summary>
    public bool Creates { get; init; }

    public override void Modify(IChain chain, GenerationRules rules, IServiceContainer container)
    {
        base.Modify(chain, rules, container);
        if (chain is not HttpChain http) return;
        http.Metadata.Produces<FeedbackView>(Creates ? 201 : 200).ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
        if (!Creates) http.Metadata.ProducesProblem(404).ProducesProblem(412);
    }
}

/// <summary>
/// The feedback named by the route's {id}, loaded under its stream's row lock as a dossier is: concurrent commands on
/// one feedback queue, each deciding on the state the previous one left. A missing feedback is a 404.
/// </summary>
public sealed class FeedbackStreamAttribute : Wolverine.Marten.WriteAggregateAttribute
{
    public FeedbackStreamAttribute() : base("id")
    {
        LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive;
        OnMissing = Wolverine.Persistence.OnMissing.ProblemDetailsWith404;
    }
}
