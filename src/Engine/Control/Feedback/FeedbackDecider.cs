using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Engine.Control.Feedback;

/// <summary>
/// The only place feedback decisions are made: state, command, calendar, limits, who and now in; events out. Every due
/// time is computed here on the working calendar and carried by the events; a refused command throws
/// <see cref="CommandRejected"/> (the same rejection kinds, and so the same answers, as dossier commands).
/// Roles are the endpoints' business; the decider checks what depends on the feedback: its status and its agency.
/// </summary>
public static class FeedbackDecider
{
    public static IReadOnlyList<object> Decide(CitizenFeedback? state, FeedbackCommand command, FeedbackContext context)
    {
        var now = WorkingCalendar.ToVietnam(context.Now);
        if (command is FeedbackCommand.Receive receive)
            return state is null ? [Received(receive, context, now)] : throw Conflict("The feedback was already received.");
        if (state is null) throw new CommandRejected(RejectionKind.NotFound, "No such feedback.");
        if (command is FeedbackCommand.CheckDeadline check) return CheckDeadline(state, check, now);
        if (state.IsFinal) throw Conflict($"The feedback is closed ({state.Status}); nothing more can be recorded on it.");
        // A desk speaks for the citizens of its own centre; one sent online about a procedure only is any desk's.
        if (context.Actor.IsDesk && state.ReceivingCentre is { } centre && context.Actor.Agency != centre)
            throw new CommandRejected(RejectionKind.Forbidden, $"This feedback was received by {centre}; you act for {context.Actor.Agency ?? "no unit"}.");
        return command switch
        {
            FeedbackCommand.Refuse c => Refuse(state, c, context, now),
            FeedbackCommand.RequestSupplement c => RequestSupplement(state, c, context, now),
            FeedbackCommand.RecordSupplement c => Supplemented(state, c, context, now),
            FeedbackCommand.Assign c => Assign(state, c, context, now),
            FeedbackCommand.Answer c => Answer(state, c, context, now),
            FeedbackCommand.Publish c => Publish(state, c, context, now),
            _ => throw Conflict($"{command.GetType().Name} is not a feedback command."),
        };
    }

    /// <summary>The feedback's due times from its receipt: refusal, supplement request, resolution.</summary>
    private static FeedbackReceived Received(FeedbackCommand.Receive c, FeedbackContext context, DateTimeOffset now)
    {
        var (calendar, limits) = (context.Calendar, context.Limits);
        return new FeedbackReceived(c.FeedbackId, c.Channel, c.DossierCode, c.DossierId, c.ProcedureCode, c.ReceivingCentre, c.Subject, c.Content,
            c.Contact, context.Actor, now,
            calendar.Due(now, limits.Refusal).DueAt, calendar.Due(now, limits.SupplementRequest).DueAt, calendar.Due(now, limits.Resolution).DueAt,
            calendar.Version);
    }

    private static IReadOnlyList<object> Refuse(CitizenFeedback state, FeedbackCommand.Refuse c, FeedbackContext context, DateTimeOffset now)
    {
        Require(state, FeedbackStatus.Received, FeedbackStatus.AwaitingSupplement);
        // The refusal window is for deciding on what arrived; after a supplement request the refusal is for what never
        // came (or came incomplete), which that window does not bound.
        return [new FeedbackRefused(state.Id, c.Reason, state.SupplementRequestedAt is null && now > state.RefuseBy, context.Actor, now)];
    }

    private static IReadOnlyList<object> Publish(CitizenFeedback state, FeedbackCommand.Publish c, FeedbackContext context, DateTimeOffset now)
    {
        Require(state, FeedbackStatus.Answered);
        return [new FeedbackPublished(state.Id, c.Question ?? $"{state.Subject}\n{state.Content}", c.AnswerText ?? state.Answer!, now > state.PublishBy,
            context.Actor, now)];
    }

    private static IReadOnlyList<object> RequestSupplement(CitizenFeedback state, FeedbackCommand.RequestSupplement c, FeedbackContext context,
        DateTimeOffset now)
    {
        Require(state, FeedbackStatus.Received);
        if (state.SupplementRequestedAt is not null)
            throw Conflict("A supplement was already asked for once; refuse the feedback or assign it.");
        var paused = context.Calendar.Pause(new Deadline(state.ResolveBy!.Value, context.Calendar.Version), now);
        return [new FeedbackSupplementRequested(state.Id, c.Reason, now > state.SupplementRequestBy, paused.Remaining, context.Actor, now)];
    }

    private static IReadOnlyList<object> Supplemented(CitizenFeedback state, FeedbackCommand.RecordSupplement c, FeedbackContext context,
        DateTimeOffset now)
    {
        Require(state, FeedbackStatus.AwaitingSupplement);
        // The citizen's time is not the centre's: the office time left when the clock stopped runs from now.
        var due = context.Calendar.AddWorkingTime(now, state.ResolveRemaining!.Value);
        return [new FeedbackSupplemented(state.Id, c.Note, due, context.Calendar.Version, context.Actor, now)];
    }

    private static IReadOnlyList<object> Assign(CitizenFeedback state, FeedbackCommand.Assign c, FeedbackContext context, DateTimeOffset now)
    {
        Require(state, FeedbackStatus.Received, FeedbackStatus.Assigned);
        if (!context.Agencies.Contains(c.Agency))
            throw new CommandRejected(RejectionKind.Invalid, "is not in the agency registry.", field: "agency");
        if (state.AssignedAgency == c.Agency) return [];   // assigned there already: nothing changes
        return [new FeedbackAssigned(state.Id, c.Agency, state.AssignedAgency, c.Note, context.Actor, now)];
    }

    private static IReadOnlyList<object> Answer(CitizenFeedback state, FeedbackCommand.Answer c, FeedbackContext context, DateTimeOffset now)
    {
        Require(state, FeedbackStatus.Assigned);
        if (context.Actor.Agency != state.AssignedAgency)
            throw new CommandRejected(RejectionKind.Forbidden,
                $"The feedback is assigned to {state.AssignedAgency}; you act for {context.Actor.Agency ?? "no unit"}.");
        return [new FeedbackAnswered(state.Id, state.AssignedAgency!, c.Text, now > state.ResolveBy, context.Calendar.Due(now, context.Limits.Publication).DueAt,
            context.Calendar.Version, context.Actor, now)];
    }

    /// <summary>
    /// A timer fired. Timers are never cancelled: one whose act was done, whose due time moved (a supplement stops and
    /// restarts the resolution clock) or that already recorded its miss finds nothing to record. The refusal and
    /// supplement-request windows are missed when the centre has decided nothing by then (the feedback is still as
    /// received, never sent back); resolution when no answer or refusal came; publication when the answer is not public.
    /// </summary>
    private static IReadOnlyList<object> CheckDeadline(CitizenFeedback state, FeedbackCommand.CheckDeadline c, DateTimeOffset now)
    {
        if (now < c.DueAt || state.Missed.Contains(c.Deadline)) return [];
        var undecided = state.Status == FeedbackStatus.Received && state.SupplementRequestedAt is null && state.AssignedAgency is null;
        var missed = c.Deadline switch
        {
            FeedbackDeadline.Refusal => undecided && state.RefuseBy == c.DueAt,
            FeedbackDeadline.SupplementRequest => undecided && state.SupplementRequestBy == c.DueAt,
            FeedbackDeadline.Resolution => state.Status is FeedbackStatus.Received or FeedbackStatus.Assigned && state.ResolveBy == c.DueAt,
            FeedbackDeadline.Publication => state.Status == FeedbackStatus.Answered && state.PublishBy == c.DueAt,
            _ => false,
        };
        return missed ? [new FeedbackDeadlineMissed(state.Id, c.Deadline, c.DueAt, now)] : [];
    }

    /// <summary>What may be done to a feedback now (for 409 answers and the view).</summary>
    public static IReadOnlyList<string> AllowedActions(CitizenFeedback state) => state.Status switch
    {
        FeedbackStatus.Received when state.SupplementRequestedAt is null => [FeedbackActions.Refuse, FeedbackActions.SupplementRequest, FeedbackActions.Assign],
        FeedbackStatus.Received => [FeedbackActions.Refuse, FeedbackActions.Assign],
        FeedbackStatus.AwaitingSupplement => [FeedbackActions.Supplement, FeedbackActions.Refuse],
        FeedbackStatus.Assigned => [FeedbackActions.Answer, FeedbackActions.Assign],
        FeedbackStatus.Answered => [FeedbackActions.Publish],
        _ => [],
    };

    /// <summary>Folds events onto a state, for callers that need the state after a decision.</summary>
    public static CitizenFeedback? Fold(CitizenFeedback? state, IEnumerable<object> events) => events.Aggregate(state, CitizenFeedback.Evolve);

    private static void Require(CitizenFeedback state, params FeedbackStatus[] allowed)
    {
        if (!allowed.Contains(state.Status))
            throw new CommandRejected(RejectionKind.Conflict, $"Not allowed while the feedback is {state.Status}.", AllowedActions(state));
    }

    private static CommandRejected Conflict(string message) => new(RejectionKind.Conflict, message);
}

/// <summary>The actions' names, as the routes end (POST /api/feedback/{id}/&lt;action&gt;).</summary>
public static class FeedbackActions
{
    public const string Refuse = "refuse";
    public const string SupplementRequest = "supplement-request";
    public const string Supplement = "supplement";
    public const string Assign = "assign";
    public const string Answer = "answer";
    public const string Publish = "publish";
}
