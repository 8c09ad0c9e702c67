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
        scope.Decide(dossier, body, async (b, current) => new DossierCommand.MigrateVersion(
            await MigrationTarget.Find(library, scope.Session, current.DefinitionId, b.ToVersion!.Value, scope.Cancellation), b.StepMapping!, b.Reason!.Trim()));
}

/// <summary>The version a migration moves to: it must be published (one dossier's migration and the bulk one ask alike).</summary>
public static class MigrationTarget
{
    public static async Task<Engine.Workflows.WorkflowDefinition> Find(Workflows.WorkflowLibrary library, Marten.IQuerySession session,
        string definitionId, int version, CancellationToken ct) =>
        await library.Find(session, definitionId, version, ct)
            ?? throw new CommandRejected(RejectionKind.Invalid, $"{definitionId} has no published version {version}.", field: "toVersion");
}
