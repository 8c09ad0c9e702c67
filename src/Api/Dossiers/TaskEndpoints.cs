using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>Work at an agency: confirm receipt of a hand-over, complete the step with an outcome.</summary>
public static class TaskEndpoints
{
    public const string AgencyStaff = $"{Roles.Officer},{Roles.Desk}";

    [WolverinePost("/api/dossiers/{id}/tasks/{taskId}/acknowledge"), Authorize(Roles = AgencyStaff)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409)]
    public static Task<IResult> Acknowledge(Guid id, string taskId, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, new DossierCommand.AcknowledgeTask(taskId));

    [WolverinePost("/api/dossiers/{id}/tasks/{taskId}/complete"), Authorize(Roles = AgencyStaff)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(409)]
    public static Task<IResult> Complete(Guid id, string taskId, CompleteTaskBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.CompleteTask(taskId, b.Outcome!.Trim(), b.Note));
}
