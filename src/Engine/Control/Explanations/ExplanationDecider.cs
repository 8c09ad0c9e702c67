using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Engine.Control.Explanations;

/// <summary>
/// The control office's late-cause explanations (QĐ 1326/QĐ-UBND): who is asked, whether the dossier or step is late
/// at all, the answer's deadline on the working calendar, who may answer and whether the answer came late, and when an
/// unanswered request becomes overdue. Pure: state, command, calendar, who and now in; events out, or
/// <see cref="CommandRejected"/>.
/// </summary>
public static class ExplanationDecider
{
    /// <summary>
    /// A new request on <paramref name="dossier"/>. <paramref name="requests"/> are the dossier's earlier requests (any
    /// state): one still unanswered on the same dossier or step makes this one a duplicate.
    /// </summary>
    public static IReadOnlyList<object> Request(Dossier dossier, IReadOnlyList<Explanation> requests, ExplanationCommand.Request c,
        ExplanationContext context)
    {
        var now = WorkingCalendar.ToVietnam(context.Now);
        var (agency, missedDueAt, stepTitle) = c.TaskId is { } taskId ? LateStep(dossier, taskId, now) : LateDossier(dossier, now);
        if (requests.FirstOrDefault(r => r.DossierId == dossier.Id && r.TaskId == c.TaskId && r.Unanswered) is { } open)
            throw new CommandRejected(RejectionKind.Conflict,
                $"Explanation {open.Id} on this {Subject(c.TaskId)} is still waiting for {open.Agency}'s answer (due {open.AnswerDueAt:yyyy-MM-dd HH:mm}); "
                + "ask again once it is answered.", field: c.TaskId is null ? "dossier" : "taskId");
        var answerTime = c.AnswerTime ?? context.Rules.AnswerTime;
        var deadline = context.Calendar.Due(now, answerTime);
        return
        [
            new ExplanationRequested(c.ExplanationId, dossier.Id, dossier.Code, dossier.ProcedureCode, c.TaskId, stepTitle, agency, missedDueAt,
                c.Note, answerTime, deadline.DueAt, deadline.CalendarVersion, context.Actor, now),
        ];
    }

    /// <summary>An answer, or a fired deadline timer, on an existing request.</summary>
    public static IReadOnlyList<object> Decide(Explanation? state, ExplanationCommand command, ExplanationContext context)
    {
        if (state is null) throw new CommandRejected(RejectionKind.NotFound, "No such explanation request.");
        var now = WorkingCalendar.ToVietnam(context.Now);
        return command switch
        {
            ExplanationCommand.Answer c => Answer(state, c, context, now),
            // Timers are never cancelled: one for an answered request, a moved deadline, a duplicate or an early one records nothing.
            ExplanationCommand.CheckDeadline c => state.Unanswered && state.Status != ExplanationStatus.Overdue && c.DueAt == state.AnswerDueAt
                                                  && now >= state.AnswerDueAt
                ? [new ExplanationOverdue(state.Id, state.DossierId, state.DossierCode, state.Agency, state.AnswerDueAt, now)]
                : [],
            _ => throw new CommandRejected(RejectionKind.Conflict, $"{command.GetType().Name} is not an explanation command."),
        };
    }

    private static IReadOnlyList<object> Answer(Explanation state, ExplanationCommand.Answer c, ExplanationContext context, DateTimeOffset now)
    {
        if (context.Actor.Agency != state.Agency)
            throw new CommandRejected(RejectionKind.Forbidden,
                $"The explanation was asked of {state.Agency}; you act for {context.Actor.Agency ?? "no unit"}.");
        if (state.Answer is { } given)
            throw new CommandRejected(RejectionKind.Conflict,
                $"{given.AnsweredBy.User} of {given.AnsweredBy.Agency} already answered it at {given.AnsweredAt:yyyy-MM-dd HH:mm}; an answer is not changed.");
        if (context.Rules.Cause(c.Cause) is not { } cause)
            throw new CommandRejected(RejectionKind.Invalid,
                $"must be one of {string.Join(", ", context.Rules.Causes.Select(x => x.Code))}.", field: "cause");
        var text = string.IsNullOrWhiteSpace(c.CauseText) ? null : c.CauseText.Trim();
        if (cause.RequiresText && text is null)
            throw new CommandRejected(RejectionKind.Invalid, $"is required when the cause is {cause.Code}: say what it was.", field: "causeText");
        return
        [
            new ExplanationAnswered(state.Id, state.DossierId, state.DossierCode, cause.Code, text, c.Remedy.Trim(),
                Explanation.IsLate(now, state.AnswerDueAt), context.Actor, now),
        ];
    }

    /// <summary>
    /// The dossier as a whole is late when the instant that counts is past its appointment: when it reached its result,
    /// when its clock paused (the applicant's or a payment's time is not the agency's), otherwise now. A dossier not yet
    /// received has no appointment; one ended without a result (refused, stopped, withdrawn) has nothing late to explain.
    /// The agency asked is the one holding the dossier now, when exactly one unit holds its open steps; otherwise (no open
    /// step, as when the result waits at the desk, or parallel steps at several units) the receiving centre, which speaks
    /// for the dossier.
    /// </summary>
    private static (string Agency, DateTimeOffset MissedDueAt, string? StepTitle) LateDossier(Dossier dossier, DateTimeOffset now)
    {
        if (dossier.DueAt is not { } due || dossier.ReceivingAgency is not { } centre)
            throw NotLate(dossier, "The dossier has not been received: it has no appointment to be late for.", "dossier");
        if (dossier.IsTerminal && dossier.Result is null)
            throw NotLate(dossier, $"The dossier ended without a result ({dossier.Status}): there is no lateness to explain.", "dossier");
        var counted = dossier.ResolvedAt ?? dossier.Pause?.PausedAt ?? now;
        if (counted <= due)
            throw NotLate(dossier, dossier.ResolvedAt is not null
                ? $"The dossier reached its result at {counted:yyyy-MM-dd HH:mm}, by its appointment {due:yyyy-MM-dd HH:mm}: it is not overdue."
                : $"The dossier is due at {due:yyyy-MM-dd HH:mm}{(dossier.Pause is null ? "" : " (its clock is paused)")}: it is not overdue.", "dossier");
        var holders = dossier.Tasks.Values.Select(t => t.Agency).Distinct().ToList();
        return (holders is [var holder] ? holder : centre, due, null);
    }

    /// <summary>
    /// An open step is late when the instant that counts (its clock's pause, otherwise now) is past its due time, or its
    /// timer already recorded it overdue. The agency asked is the step's. A step already closed is explained with the
    /// dossier: its state keeps no due time once it is done.
    /// </summary>
    private static (string Agency, DateTimeOffset MissedDueAt, string? StepTitle) LateStep(Dossier dossier, string taskId, DateTimeOffset now)
    {
        if (!dossier.Tasks.TryGetValue(taskId, out var task))
            throw dossier.ClosedTasks.Contains(taskId)
                ? NotLate(dossier, $"Step {taskId} is closed; ask about the dossier instead if it is late.", "taskId")
                : new CommandRejected(RejectionKind.NotFound, $"The dossier has no step {taskId}.", field: "taskId");
        var counted = dossier.Pause?.PausedAt ?? now;
        if (!task.Overdue && counted <= task.DueAt)
            throw NotLate(dossier, $"Step {taskId} ({task.Title}) at {task.Agency} is due at {task.DueAt:yyyy-MM-dd HH:mm}"
                + $"{(dossier.Pause is null ? "" : " (its clock is paused)")}: it is not overdue.", "taskId");
        return (task.Agency, task.DueAt, task.Title);
    }

    private static CommandRejected NotLate(Dossier dossier, string message, string field) =>
        new(RejectionKind.Conflict, $"Dossier {dossier.Code ?? dossier.Id.ToString()}: {message}", field: field);

    private static string Subject(string? taskId) => taskId is null ? "dossier" : $"step {taskId}";
}
