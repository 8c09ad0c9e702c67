using System.Text.Json;
using System.Text.RegularExpressions;
using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>An online dossier as the national portal (Cổng DVCQG) sends it.</summary>
/// <param name="PortalReference">The portal's own reference of the dossier: kept on the dossier for the sync back, and the
/// key that makes a repeated submission one dossier.</param>
/// <param name="ReceivingCentre">The service centre the applicant chose on the portal (its code in the agency registry):
/// its desk accepts or refuses the dossier.</param>
public sealed record PortalSubmissionRequest(string? PortalReference, string? ReceivingCentre, string? ProcedureCode, ApplicantRequest? Applicant,
    List<DocumentRequest>? Documents, JsonElement? Data, string? CompetentCommune = null, string? PickupCentre = null);

/// <summary>
/// The national portal submits an online dossier (DVCQG KenhThucHien 2) to the centre the applicant chose: DVCQG status 1
/// (Mới đăng ký) until that centre's desk accepts it (2) or refuses it (3), which it must do within the procedure's
/// online intake time (8 working hours by default). The same portal reference sent again answers the first answer.
/// </summary>
public static partial class PortalSubmitEndpoint
{
    /// <summary>Who the portal's answers are kept for: every portal client alike (the reference is the portal's, not a user's).</summary>
    public const string AnswersOwner = "portal";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$")]
    private static partial Regex ReferencePattern();

    public static ProblemDetails Validate(PortalSubmissionRequest? request)
    {
        if (request is null) return new RequestCheck().Fail("body", "must be a JSON object.").Result();
        // The same checks as a desk's submission for the shared fields, then the portal's own.
        var check = SubmitDossierEndpoint.Check(request.ProcedureCode, request.Applicant, request.Documents, request.Data,
            request.CompetentCommune, request.PickupCentre);
        check.RequiredText("portalReference", request.PortalReference, 100)
            .Matches("portalReference", request.PortalReference, ReferencePattern(), "the portal's dossier reference: up to 100 letters, digits and . _ : / -")
            .RequiredText("receivingCentre", request.ReceivingCentre, 40);
        return check.Result();
    }

    [WolverinePost("/api/portal/dossiers"), Authorize(Roles = Roles.Portal), DossierCommand(Creates = true)]
    public static Task<IResult> Post(PortalSubmissionRequest request, [NotBody] CommandScope scope, IMessageBus bus)
    {
        var reference = request.PortalReference!;
        return scope.Submit(request, new DossierCommand.Submit(
            StableId.For("portal-dossier", reference),
            request.ProcedureCode!,
            Channel.Online,
            request.Applicant!.ToApplicant(),
            [.. request.Documents!.Select(d => d.ToDocument())],
            SubmitDossierEndpoint.FormData(request.Data),
            request.CompetentCommune?.Trim(), request.PickupCentre?.Trim(), request.ReceivingCentre!.Trim(), reference),
            bus, new SubmissionKey(AnswersOwner, $"reference:{reference}", "portalReference"));
    }
}
