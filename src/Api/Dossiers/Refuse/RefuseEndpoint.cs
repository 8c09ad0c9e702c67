using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>The desk refuses a dossier at intake (Mẫu 03), with the reason.</summary>
public static class RefuseEndpoint
{
    [WolverinePost("/api/dossiers/{id}/refuse"), Authorize(Roles = Roles.Desk), DossierCommand]
    public static Task<DossierDecision> Post(ReasonBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.Refuse(b.Reason!.Trim()));
}
