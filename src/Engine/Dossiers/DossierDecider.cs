using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Dossiers;

/// <summary>
/// The only place decisions are made: state, command, workflow, calendar, who and now in; events out.
/// No I/O and no clock: everything it computed (codes, due times, ports taken) is inside the events.
/// A repeated command that changes nothing yields no events; a refused one throws <see cref="CommandRejected"/>.
/// </summary>
public static partial class DossierDecider
{
    public static IReadOnlyList<object> Decide(Dossier? state, DossierCommand command, DecisionContext context)
    {
        if (command is DossierCommand.Submit submit)
            return state is null
                ? [Submitted(submit.DossierId, submit, context)]
                : throw Conflict(state, "The dossier was already submitted.");
        if (state is null) throw new CommandRejected(RejectionKind.NotFound, "No such dossier.");
        if (command is DossierCommand.CheckDeadline check) return CheckDeadline(state, check, context);
        if (context.Actor.IsDesk) RequireDesk(state, command, context);
        if (state.IsTerminal)
            throw Conflict(state, $"The dossier is closed ({state.Status}); nothing more can be recorded on it.");
        return command switch
        {
            DossierCommand.Accept c => Accept(state, c, context),
            DossierCommand.Refuse c => Refuse(state, c, context),
            DossierCommand.AcknowledgeTask c => Acknowledge(state, c, context),
            DossierCommand.CompleteTask c => Complete(state, c, context),
            DossierCommand.RequestSupplement c => RequestSupplement(state, c, context),
            DossierCommand.ReceiveSupplement c => ReceiveSupplement(state, c, context),
            DossierCommand.RequestPayment c => RequestPayment(state, c, context),
            DossierCommand.RecordPayment c => RecordPayment(state, c, context),
            DossierCommand.Apologize c => Apologize(state, c, context),
            DossierCommand.Withdraw c => Withdraw(state, c, context),
            DossierCommand.Stop c => Stop(state, c, context),
            DossierCommand.ReturnResult c => ReturnResult(state, c, context),
            DossierCommand.AttachFile c => AttachFile(state, c, context),
            DossierCommand.MigrateVersion c => Migrate(state, c, context),
            _ => throw Conflict(state, $"{command.GetType().Name} is not a dossier command."),
        };
    }

    /// <summary>Folds events onto a state: what the store does, for callers that need the state after a decision.</summary>
    public static Dossier? Fold(Dossier? state, IEnumerable<object> events) => events.Aggregate(state, Dossier.Evolve);

    /// <summary>What may be done to the dossier in its current state (for 409 answers and the dossier view).</summary>
    public static IReadOnlyList<string> AllowedActions(Dossier state) => state.Status switch
    {
        _ when state.IsTerminal => [],
        DossierStatus.Submitted => [DossierActions.Accept, DossierActions.Refuse, DossierActions.SupplementRequest, DossierActions.Withdrawal, DossierActions.Stop],
        DossierStatus.AwaitingSupplement when state.SupplementAtIntake => [DossierActions.Supplement, DossierActions.Refuse, DossierActions.Withdrawal, DossierActions.Stop],
        DossierStatus.AwaitingSupplement => [DossierActions.Supplement, DossierActions.Withdrawal, DossierActions.Stop, DossierActions.Migrate],
        DossierStatus.AwaitingPayment => [DossierActions.Payment, DossierActions.Withdrawal, DossierActions.Stop, DossierActions.Migrate],
        DossierStatus.Received or DossierStatus.InProcess =>
        [
            DossierActions.Acknowledge, DossierActions.Complete, DossierActions.SupplementRequest, DossierActions.PaymentRequest,
            DossierActions.Apology, DossierActions.Withdrawal, DossierActions.Stop, DossierActions.Migrate,
        ],
        DossierStatus.WithdrawalRequested => [DossierActions.Stop],
        DossierStatus.Resolved => [DossierActions.Return],
        _ => [],
    };

    private static CommandRejected Conflict(Dossier state, string message) =>
        new(RejectionKind.Conflict, message, AllowedActions(state));

    private static void Require(Dossier state, bool condition, string message)
    {
        if (!condition) throw Conflict(state, message);
    }

    private static DateTimeOffset Now(DecisionContext context) => WorkingCalendar.ToVietnam(context.Now);
}
