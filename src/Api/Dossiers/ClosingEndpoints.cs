using Dossiers.Api.Auth;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Dossiers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>Late results, and the ways a dossier ends: apology (Mẫu 04), withdrawal, stop, result returned, version change.</summary>
public static class ClosingEndpoints
{
    [WolverinePost("/api/dossiers/{id}/apologies"), Authorize(Roles = TaskEndpoints.AgencyStaff)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(409)]
    public static Task<IResult> Apologize(Guid id, ApologyBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.Apologize(b.Reason!.Trim(), b.NewDueAt!.Value));

    [WolverinePost("/api/dossiers/{id}/withdrawal"), Authorize(Roles = Roles.Desk)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(409)]
    public static Task<IResult> Withdraw(Guid id, ReasonBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.Withdraw(b.Reason!.Trim()));

    [WolverinePost("/api/dossiers/{id}/stop"), Authorize(Roles = Roles.Desk)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(409)]
    public static Task<IResult> Stop(Guid id, ReasonBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.Stop(b.Reason!.Trim()));

    [WolverinePost("/api/dossiers/{id}/return"), Authorize(Roles = Roles.Desk)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(409)]
    public static Task<IResult> Return(Guid id, NoteBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.ReturnResult(b.Note));

    /// <summary>Moves a running dossier to another published version of its workflow, with an explicit step mapping.</summary>
    [WolverinePost("/api/dossiers/{id}/migrate"), Authorize(Roles = $"{Roles.Controller},{Roles.Admin}")]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409)]
    public static async Task<IResult> Migrate(Guid id, MigrateBody? body, HttpContext http, DossierCommandRunner runner,
        [NotBody] WorkflowLibrary library, IQuerySession session)
    {
        if (body is null) return CommandResults.Invalid("body", "must be a JSON object.");
        if (body.Check() is { IsValid: false } check) return Results.Problem(check.Result());
        if (await session.LoadAsync<Dossier>(id, http.RequestAborted) is not { } dossier) return CommandResults.NotFound(id);
        if (await library.Find(session, dossier.DefinitionId, body.ToVersion!.Value, http.RequestAborted) is not { } target)
            return CommandResults.Invalid("toVersion", $"{dossier.DefinitionId} has no published version {body.ToVersion}.");
        return await runner.Run(http, id, new DossierCommand.MigrateVersion(target, body.StepMapping!, body.Reason!.Trim()), body.ExpectedVersion);
    }
}
