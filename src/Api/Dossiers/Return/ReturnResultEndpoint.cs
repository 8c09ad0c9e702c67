using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>The desk hands the result to the applicant.</summary>
public static class ReturnResultEndpoint
{
    [WolverinePost("/api/dossiers/{id}/return"), Authorize(Roles = Roles.Desk), DossierCommand]
    public static Task<DossierDecision> Post(NoteBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.ReturnResult(b.Note));
}
