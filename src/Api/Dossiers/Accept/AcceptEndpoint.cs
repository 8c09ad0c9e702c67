using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>
/// The desk receives the dossier: code, register number and appointment issued (Mẫu 01, a line of Mẫu 06).
/// No body; send If-Match with the version you saw to be sure nobody changed the dossier meanwhile.
/// </summary>
public static class AcceptEndpoint
{
    [WolverinePost("/api/dossiers/{id}/accept"), Authorize(Roles = Roles.Desk), DossierCommand]
    public static async Task<DossierDecision> Post([DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope)
    {
        var register = DossierDecider.ReceivingCentre(dossier.Aggregate!, scope.Actor) is { } centre
            ? await QueueAtRegister(scope.Session, DeskRegister.IdFor(centre, scope.Now), scope.Cancellation)
            : null;   // no centre: the decider refuses
        var decision = await scope.Decide(dossier, new DossierCommand.Accept((register?.Aggregate?.Count ?? 0) + 1));
        foreach (var accepted in decision.Events.OfType<DossierAccepted>())
            register!.AppendOne(DeskRegister.LineFor(accepted));
        return decision;
    }

    // Every accept of a desk's day takes the next number of one register stream. A transaction-scoped advisory lock on
    // the register queues concurrent accepts, even for the day's first one, whose stream does not exist yet to be
    // row-locked; they neither race nor retry (retries would also leave gaps that stall the async daemon). The lock and
    // the register's state go in one round trip (two statements, so the read sees what the previous holder committed),
    // and the register's inline projection folds the new line onto that state instead of loading it again.
    private static async Task<IEventStream<DeskRegister>> QueueAtRegister(IDocumentSession session, Guid id, CancellationToken ct)
    {
        var batch = session.CreateBatchQuery();
        _ = batch.Query<string>("select 'queued' from (select pg_advisory_xact_lock(?)) as queued", BitConverter.ToInt64(id.ToByteArray()));
        var register = batch.Events.FetchForExclusiveWriting<DeskRegister>(id);
        await batch.Execute(ct);
        return await register;
    }
}
