using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Api.Sla;

/// <summary>A durable timer: at <paramref name="FireAt"/>, ask the dossier whether <paramref name="DueAt"/> has passed.</summary>
public sealed record DeadlineReached(Guid DossierId, DeadlineKind Kind, string? TaskId, DateTimeOffset DueAt, DateTimeOffset FireAt);

/// <summary>
/// Which timers a decision's events call for. They are scheduled in the same transaction as the events (Wolverine's
/// outbox), never cancelled; a timer that is no longer relevant finds nothing to record when it fires.
/// </summary>
public static class DeadlineTimers
{
    public static IEnumerable<DeadlineReached> For(IEnumerable<object> events, WorkingCalendar calendar, DateTimeOffset now)
    {
        foreach (var @event in events)
            switch (@event)
            {
                case DossierSubmitted { AcceptanceDueAt: { } intakeDue } e:   // an online dossier: the desk's 8 working hours
                    yield return new DeadlineReached(e.DossierId, DeadlineKind.OnlineIntake, null, intakeDue, intakeDue);
                    break;
                case TaskActivated e:
                    yield return new DeadlineReached(e.DossierId, DeadlineKind.Task, e.TaskId, e.DueAt, e.DueAt);
                    break;
                case DossierAccepted e:
                    foreach (var timer in ForAppointment(e.DossierId, e.DueAt, warn: true, calendar, now)) yield return timer;
                    break;
                case ClockResumed e:
                    foreach (var (taskId, due) in e.TaskDueAt) yield return new DeadlineReached(e.DossierId, DeadlineKind.Task, taskId, due, due);
                    foreach (var timer in ForAppointment(e.DossierId, e.DueAt, warn: true, calendar, now)) yield return timer;
                    break;
                case ApologyIssued e:   // an apology was the answer to the warning: only the new appointment is watched
                    foreach (var timer in ForAppointment(e.DossierId, e.NewDueAt, warn: false, calendar, now)) yield return timer;
                    break;
            }
    }

    private static IEnumerable<DeadlineReached> ForAppointment(Guid dossierId, DateTimeOffset due, bool warn, WorkingCalendar calendar, DateTimeOffset now)
    {
        yield return new DeadlineReached(dossierId, DeadlineKind.Dossier, null, due, due);
        var warning = DossierDecider.WarningTime(calendar, due);
        if (warn && warning > now) yield return new DeadlineReached(dossierId, DeadlineKind.DueSoon, null, due, warning);
    }
}
