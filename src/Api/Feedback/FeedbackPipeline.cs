using Dossiers.Api.Dossiers;
using Dossiers.Engine;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Feedback;
using Marten;
using Wolverine;

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
        For(commands.Open(request, session, ct));

    /// <summary>A feedback command on the scope the dossier commands' middleware opened (DossierCommand on the endpoint).</summary>
    public FeedbackScope For(CommandScope scope) => new(this, scope);

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
