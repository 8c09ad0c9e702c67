namespace Dossiers.Engine.Dossiers;

public static partial class DossierDecider
{
    private static IReadOnlyList<object> Withdraw(Dossier state, DossierCommand.Withdraw c, DecisionContext context)
    {
        Require(state, state.Status is not (DossierStatus.Resolved or DossierStatus.WithdrawalRequested),
            state.Status == DossierStatus.Resolved ? "The result is ready; return it instead." : "A withdrawal was already recorded; stop the dossier.");
        return [new WithdrawalRequested(state.Id, c.Reason, context.Actor, Now(context))];
    }

    private static IReadOnlyList<object> Stop(Dossier state, DossierCommand.Stop c, DecisionContext context)
    {
        Require(state, state.Status != DossierStatus.Resolved, "The result is ready; return it instead.");
        var now = Now(context);
        return [.. state.Tasks.Keys.Order().Select(id => new TaskCancelled(state.Id, id, "processing stopped", now)),
            new ProcessingStopped(state.Id, c.Reason, context.Actor, now)];
    }

    private static IReadOnlyList<object> ReturnResult(Dossier state, DossierCommand.ReturnResult c, DecisionContext context)
    {
        Require(state, state.Status == DossierStatus.Resolved, "There is no result to return yet.");
        return [new ResultReturned(state.Id, c.Note, context.Actor, Now(context))];
    }
}
