using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>The applicant asks to withdraw the dossier.</summary>
public static class WithdrawEndpoint
{
    [WolverinePost("/api/dossiers/{id}/withdrawal"), Authorize(Roles = Roles.Desk), DossierCommand]
    public static Task<DossierDecision> Post(ReasonBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.Withdraw(b.Reason!.Trim()));
}
