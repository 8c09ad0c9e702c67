using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>The desk receives the applicant's supplement; the clock runs again.</summary>
public static class ReceiveSupplementEndpoint
{
    [WolverinePost("/api/dossiers/{id}/supplements"), Authorize(Roles = Roles.Desk), DossierCommand]
    public static Task<DossierDecision> Post(NoteBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.ReceiveSupplement(b.Note));
}
