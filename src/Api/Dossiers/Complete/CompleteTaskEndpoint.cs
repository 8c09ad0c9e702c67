using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

public sealed record CompleteTaskBody(string? Outcome, string? Note, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().RequiredText("outcome", Outcome, 100).Text("note", Note, 2000);
}

/// <summary>The step's unit completes it with one of its outcomes; the flow moves on.</summary>
public static class CompleteTaskEndpoint
{
    [WolverinePost("/api/dossiers/{id}/tasks/{taskId}/complete"), Authorize(Roles = Roles.AgencyStaff), DossierCommand]
    public static Task<DossierDecision> Post(CompleteTaskBody body, string taskId, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.CompleteTask(taskId, b.Outcome!.Trim(), b.Note));
}
