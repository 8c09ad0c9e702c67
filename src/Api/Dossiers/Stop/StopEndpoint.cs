using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>Processing stops for good (withdrawn, or no longer possible); open steps are cancelled.</summary>
public static class StopEndpoint
{
    [WolverinePost("/api/dossiers/{id}/stop"), Authorize(Roles = Roles.Desk), DossierCommand]
    public static Task<DossierDecision> Post(ReasonBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.Stop(b.Reason!.Trim()));
}
