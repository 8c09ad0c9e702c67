using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <param name="StepMapping">Each active step of the current version → the step of the new version where it continues.</param>
public sealed record MigrateBody(int? ToVersion, Dictionary<string, string>? StepMapping, string? Reason, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check()
    {
        var check = new RequestCheck().Required("toVersion", ToVersion).Required("stepMapping", StepMapping).RequiredText("reason", Reason, 1000);
        if (ToVersion is < 1) check.Fail("toVersion", "must be a positive version.");
        foreach (var (from, to) in StepMapping ?? [])
            check.RequiredText($"stepMapping.{from}", to, 200);
        return check;
    }
}

/// <summary>Moves a running dossier to another published version of its workflow, with an explicit step mapping.</summary>
public static class MigrateEndpoint
{
    [WolverinePost("/api/dossiers/{id}/migrate"), Authorize(Roles = $"{Roles.Controller},{Roles.Admin}"), DossierCommand]
    public static Task<DossierDecision> Post(MigrateBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope,
        [NotBody] Workflows.WorkflowLibrary library) =>
        scope.Decide(dossier, body, async (b, current) =>
            await library.Find(scope.Session, current.DefinitionId, b.ToVersion!.Value, scope.Cancellation) is { } target
                ? new DossierCommand.MigrateVersion(target, b.StepMapping!, b.Reason!.Trim())
                : throw new CommandRejected(RejectionKind.Invalid, $"{current.DefinitionId} has no published version {b.ToVersion}.", field: "toVersion"));
}
