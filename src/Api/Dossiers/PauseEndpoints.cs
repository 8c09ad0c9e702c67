using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>What stops the legal clock: a supplement asked of the applicant (Mẫu 02), a financial obligation.</summary>
public static class PauseEndpoints
{
    [WolverinePost("/api/dossiers/{id}/supplement-requests"), Authorize(Roles = TaskEndpoints.AgencyStaff)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(409)]
    public static Task<IResult> RequestSupplement(Guid id, SupplementRequestBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.RequestSupplement([.. b.Items!.Select(i => i.Trim())], b.Reason!.Trim(), b.AcknowledgeViolation ?? false));

    [WolverinePost("/api/dossiers/{id}/supplements"), Authorize(Roles = Roles.Desk)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(409)]
    public static Task<IResult> ReceiveSupplement(Guid id, NoteBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.ReceiveSupplement(b.Note));

    [WolverinePost("/api/dossiers/{id}/payment-requests"), Authorize(Roles = TaskEndpoints.AgencyStaff)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(409)]
    public static Task<IResult> RequestPayment(Guid id, PaymentRequestBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.RequestPayment(b.Amount, b.Reason!.Trim()));

    [WolverinePost("/api/dossiers/{id}/payments"), Authorize(Roles = Roles.Desk)]
    [ProducesResponseType<DossierView>(200), ProducesResponseType(400), ProducesResponseType(409)]
    public static Task<IResult> RecordPayment(Guid id, NoteBody body, HttpContext http, DossierCommandRunner runner) =>
        runner.Run(http, id, body, b => new DossierCommand.RecordPayment(b.Note));
}
