namespace Dossiers.Engine.Dossiers;

public static partial class DossierDecider
{
    /// <summary>
    /// A timer fired. Timers are never cancelled, so a timer for a due time that has since moved (pause, apology), for
    /// a step already done, or a duplicate, finds nothing to record: the state decides, not the timer.
    /// </summary>
    private static IReadOnlyList<object> CheckDeadline(Dossier state, DossierCommand.CheckDeadline c, DecisionContext context)
    {
        var now = Now(context);
        if (state.IsTerminal || state.Status == DossierStatus.Resolved || state.Pause is not null) return [];
        var passed = now >= c.DueAt;
        return c.Kind switch
        {
            DeadlineKind.Task when passed && c.TaskId is { } id && state.Tasks.TryGetValue(id, out var task) && task.DueAt == c.DueAt && !task.Overdue =>
                [new TaskOverdue(state.Id, task.TaskId, task.Agency, task.DueAt, now)],
            DeadlineKind.Dossier when passed && state.DueAt == c.DueAt && state.OverdueFor != c.DueAt =>
                [new DossierOverdue(state.Id, c.DueAt, now)],
            DeadlineKind.DueSoon when !passed && state.DueAt == c.DueAt && state.WarnedFor != c.DueAt && state.Reschedules == 0
                                     && context.Calendar.WorkingTimeBetween(now, c.DueAt) <= Calendars.Budget.WorkingDay =>
                [new DueSoonWarned(state.Id, c.DueAt, context.Calendar.WorkingTimeBetween(now, c.DueAt), now)],
            // Still waiting at the desk: not accepted, refused, sent back for supplement, nor withdrawn.
            DeadlineKind.OnlineIntake when passed && state.Status == DossierStatus.Submitted && state.IntakeAnsweredAt is null
                                         && state.AcceptanceDueAt == c.DueAt && !state.IntakeOverdue =>
                [new OnlineIntakeOverdue(state.Id, state.ReceivingAgency, c.DueAt, now)],
            _ => [],
        };
    }

    /// <summary>When the one-working-day warning for an appointment should fire (the caller schedules it).</summary>
    public static DateTimeOffset WarningTime(Calendars.WorkingCalendar calendar, DateTimeOffset dueAt) =>
        calendar.AddWorkingTime(dueAt, -Calendars.Budget.WorkingDay);
}
