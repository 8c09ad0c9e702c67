using System.Collections.Immutable;
using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Dossiers;

public static partial class DossierDecider
{
    private static bool IsRunning(Dossier state) => state.Status is DossierStatus.Received or DossierStatus.InProcess;

    private static IReadOnlyList<object> RequestSupplement(Dossier state, DossierCommand.RequestSupplement c, DecisionContext context)
    {
        var now = Now(context);
        if (state.Status == DossierStatus.Submitted)   // at the desk, before any clock runs: Mẫu 02 guidance, given once
        {
            Require(state, state.IntakeSupplements == 0, "The desk already guided the applicant once (Mẫu 02); accept or refuse the dossier now.");
            return [new SupplementRequested(state.Id, c.Items, c.Reason, AtIntake: true, RequestNumber: 0, context.Actor, now),
                .. LateIntake(state, ReceivingCentre(state, context.Actor) ?? context.Actor.Agency ?? "", "supplement", context)];
        }

        Require(state, IsRunning(state), $"A supplement can be requested while the dossier is received or in process, not {state.Status}.");
        RequireActsOnDossier(state, context.Actor);
        var events = new List<object>();
        var number = state.SupplementRequests + 1;
        var allowed = context.Workflow.Procedure.Rules.MaxSupplementRequests;
        if (number > allowed)
        {
            // NĐ 61/2018: the applicant is told everything missing once. A further request is a violation the
            // office may still choose to make, but only knowingly and on the record: it scores the dossier late.
            if (!c.AcknowledgeViolation)
                throw new CommandRejected(RejectionKind.Conflict,
                    $"This would be supplement request #{number}; the procedure allows {allowed} during processing. " +
                    "Resend with acknowledgeViolation: true to record it as a violation (the dossier then counts as late).",
                    AllowedActions(state), "acknowledgeViolation");
            events.Add(new RuleViolationRecorded(state.Id, "single-supplement-request",
                $"Supplement request #{number} during processing (allowed: {allowed}).", context.Actor, now));
        }
        events.Add(new SupplementRequested(state.Id, c.Items, c.Reason, AtIntake: false, number, context.Actor, now));
        events.Add(Paused(state, PauseReason.Supplement, context));
        return events;
    }

    private static IReadOnlyList<object> ReceiveSupplement(Dossier state, DossierCommand.ReceiveSupplement c, DecisionContext context)
    {
        Require(state, state.Status == DossierStatus.AwaitingSupplement, "No supplement is awaited.");
        var received = new SupplementReceived(state.Id, c.Note, context.Actor, Now(context));
        return state.SupplementAtIntake ? [received] : [received, Resumed(state, context)];
    }

    private static IReadOnlyList<object> RequestPayment(Dossier state, DossierCommand.RequestPayment c, DecisionContext context)
    {
        Require(state, IsRunning(state), $"A payment can be requested while the dossier is received or in process, not {state.Status}.");
        Require(state, context.Workflow.Procedure.Pauses.Payment, "This procedure has no financial obligation that stops the clock.");
        RequireActsOnDossier(state, context.Actor);
        var agency = context.Actor.Agency ?? state.ReceivingAgency!;
        return [new PaymentRequested(state.Id, null, agency, c.Amount, c.Reason, context.Actor, Now(context)), Paused(state, PauseReason.Payment, context)];
    }

    private static IReadOnlyList<object> RecordPayment(Dossier state, DossierCommand.RecordPayment c, DecisionContext context)
    {
        Require(state, state.Status == DossierStatus.AwaitingPayment, "No payment is awaited.");
        var events = new List<object> { new PaymentReceived(state.Id, c.Note, context.Actor, Now(context)), Resumed(state, context) };
        if (state.AwaitingPaymentActivity is { } activity)   // a workflow step: the flow continues from its Paid port
        {
            var trigger = new FlowTrigger(context.Actor.Agency ?? state.ReceivingAgency!, context.Actor.User, null);
            events.AddRange(FlowWalker.Advance(Fold(state, events)!, [(activity, Workflows.AwaitPaymentActivity.Paid)], trigger, context));
        }
        return events;
    }

    private static IReadOnlyList<object> Apologize(Dossier state, DossierCommand.Apologize c, DecisionContext context)
    {
        Require(state, IsRunning(state), $"An apology with a new appointment is for a dossier in process, not {state.Status}.");
        RequireActsOnDossier(state, context.Actor);
        var rules = context.Workflow.Procedure.Rules;
        Require(state, state.Reschedules < rules.MaxReschedules,
            $"The appointment was already rescheduled {state.Reschedules} time(s); the rules allow {rules.MaxReschedules}.");
        var now = Now(context);
        var due = state.DueAt!.Value;
        var notice = Budget.WorkingDays(rules.ApologyMinWorkingDaysBefore).ToWorkingTime();
        Require(state, context.Calendar.WorkingTimeBetween(now, due) >= notice,
            $"An apology must come at least {rules.ApologyMinWorkingDaysBefore:0.##} working day(s) before the due time ({due:yyyy-MM-dd HH:mm}).");
        var newDue = WorkingCalendar.ToVietnam(c.NewDueAt);
        if (newDue <= due)
            throw new CommandRejected(RejectionKind.Invalid, $"The new appointment must be after the current one ({due:yyyy-MM-dd HH:mm}).", field: "newDueAt");
        if (!context.Calendar.IsOfficeTime(newDue))
            throw new CommandRejected(RejectionKind.Invalid,
                $"The new appointment ({newDue:yyyy-MM-dd HH:mm}) must be in office hours on a working day, when the applicant can come.", field: "newDueAt");
        if (context.Calendar.WorkingTimeBetween(due, newDue) > Budget.WorkingDays(rules.ApologyMaxWorkingDaysAfter).ToWorkingTime())
            throw new CommandRejected(RejectionKind.Invalid,
                $"The new appointment may be at most {rules.ApologyMaxWorkingDaysAfter:0.##} working day(s) after the current one ({due:yyyy-MM-dd HH:mm}).",
                field: "newDueAt");
        return [new ApologyIssued(state.Id, c.Reason, due, newDue, context.Actor, now)];
    }

    /// <summary>Officers act on a dossier only while their agency holds one of its open steps; desk staff always may.</summary>
    private static void RequireActsOnDossier(Dossier state, Actor actor)
    {
        if (actor.IsOfficer && !state.Tasks.Values.Any(t => t.Agency == actor.Agency))
            throw new CommandRejected(RejectionKind.Forbidden, $"Your agency ({actor.Agency ?? "none"}) holds no open step of this dossier.");
    }

    internal static ClockPaused Paused(Dossier state, PauseReason reason, DecisionContext context)
    {
        var now = Now(context);
        var calendar = context.Calendar;
        var remaining = calendar.Pause(new Deadline(state.DueAt!.Value, calendar.Version), now).Remaining;
        var tasks = state.Tasks.Values.ToImmutableSortedDictionary(t => t.TaskId, t => calendar.Pause(new Deadline(t.DueAt, calendar.Version), now).Remaining);
        var legal = calendar.Pause(new Deadline(state.LegalDueAt ?? state.DueAt!.Value, calendar.Version), now).Remaining;
        return new ClockPaused(state.Id, reason, remaining, tasks, now, legal);
    }

    private static ClockResumed Resumed(Dossier state, DecisionContext context)
    {
        var now = Now(context);
        var calendar = context.Calendar;
        var pause = state.Pause!;
        var due = calendar.Resume(new PausedDeadline(pause.PausedAt, state.DueAt!.Value, pause.DossierRemaining, calendar.Version), now);
        var tasks = state.Tasks.Values
            .Where(t => pause.TaskRemaining.ContainsKey(t.TaskId))
            .ToImmutableSortedDictionary(t => t.TaskId,
                t => calendar.Resume(new PausedDeadline(pause.PausedAt, t.DueAt, pause.TaskRemaining[t.TaskId], calendar.Version), now).DueAt);
        var legal = calendar.Resume(new PausedDeadline(pause.PausedAt, state.LegalDueAt ?? state.DueAt!.Value, pause.LegalRemaining, calendar.Version), now);
        return new ClockResumed(state.Id, pause.Reason, due.DueAt, tasks, now - pause.PausedAt, due.CalendarVersion, now,
            legal.DueAt, calendar.WorkingTimeBetween(pause.PausedAt, now));
    }
}
