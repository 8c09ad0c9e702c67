using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>The step's unit confirms it received the hand-over (the second half of a Mẫu 05 row).</summary>
public static class AcknowledgeTaskEndpoint
{
    [WolverinePost("/api/dossiers/{id}/tasks/{taskId}/acknowledge"), Authorize(Roles = Roles.AgencyStaff), DossierCommand]
    public static Task<DossierDecision> Post(string taskId, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, new DossierCommand.AcknowledgeTask(taskId));
}
