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
        var number = DossierDecider.ReceivingCentre(dossier.Aggregate!, scope.Actor) is { } centre
            ? await NextRegisterNumber(scope.Session, centre, scope.Now, scope.Cancellation)
            : 0;   // no centre: the decider refuses
        var decision = await scope.Decide(dossier, new DossierCommand.Accept(number));
        foreach (var accepted in decision.Events.OfType<DossierAccepted>())
        {
            var line = DeskRegister.LineFor(accepted);
            scope.Session.Events.Append(line.RegisterId, line);
        }
        return decision;
    }

    // Every accept of a desk's day takes the next number of one register stream. A transaction-scoped advisory lock on
    // the register queues concurrent accepts, even for the day's first one, whose stream does not exist yet to be
    // row-locked; they neither race nor retry (retries would also leave gaps that stall the async daemon).
    private static async Task<int> NextRegisterNumber(IDocumentSession session, string centre, DateTimeOffset now, CancellationToken ct)
    {
        var id = DeskRegister.IdFor(centre, now);
        await session.QueryAsync<int>("select 1 from (select pg_advisory_xact_lock(?)) as queued", BitConverter.ToInt64(id.ToByteArray()));
        return ((await session.LoadAsync<DeskRegister>(id, ct))?.Count ?? 0) + 1;
    }
}
