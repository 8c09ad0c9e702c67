using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>The one-stop desk's intake outcome: receive (code and appointment issued) or refuse (Mẫu 03).</summary>
public static class IntakeEndpoints
{
    /// <summary>No body; send If-Match with the version you saw to be sure nobody changed the dossier meanwhile.</summary>
    [WolverinePost("/api/dossiers/{id}/accept"), Authorize(Roles = Roles.Desk)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(412)]
    public static Task<IResult> Accept(Guid id, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, new DossierCommand.Accept(RegisterNumber: 0));

    [WolverinePost("/api/dossiers/{id}/refuse"), Authorize(Roles = Roles.Desk)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409)]
    public static Task<IResult> Refuse(Guid id, ReasonBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.Refuse(b.Reason!.Trim()));
}
