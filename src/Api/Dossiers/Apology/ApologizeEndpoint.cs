using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <param name="NewDueAt">The new appointment, ISO 8601 with an offset.</param>
public sealed record ApologyBody(string? Reason, DateTimeOffset? NewDueAt, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().RequiredText("reason", Reason, 1000).Required("newDueAt", NewDueAt);
}

/// <summary>A letter of apology (Mẫu 04) with a new appointment, before the due time.</summary>
public static class ApologizeEndpoint
{
    [WolverinePost("/api/dossiers/{id}/apologies"), Authorize(Roles = Roles.AgencyStaff), DossierCommand]
    public static Task<DossierDecision> Post(ApologyBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.Apologize(b.Reason!.Trim(), b.NewDueAt!.Value));
}
