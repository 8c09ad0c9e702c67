using Dossiers.Engine;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;
using Wolverine.Marten;

namespace Dossiers.Api.Dossiers;

public sealed record ApplicantRequest(string? Name, string? IdNumber, string? Phone, string? Email, string? Address);
public sealed record DocumentRequest(string? Name, DocumentKind? Kind, bool? Digitized);
public sealed record SubmitDossierRequest(string? ProcedureCode, Channel? Channel, ApplicantRequest? Applicant, List<DocumentRequest>? Documents);

/// <summary>201 with the new dossier's id and its URL in the Location header.</summary>
public sealed record DossierCreated(Guid Id, string ProcedureCode, DossierStatus Status, int DvcqgStatus)
    : CreationResponse($"/api/dossiers/{Id}");

public static partial class SubmitDossierEndpoint
{
    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex ProcedureCodePattern();

    public static ProblemDetails Validate(SubmitDossierRequest request)
    {
        var check = new RequestCheck()
            .Required("procedureCode", request.ProcedureCode)
            .Matches("procedureCode", request.ProcedureCode, ProcedureCodePattern(), "a national procedure code such as 1.004222")
            .Required("channel", request.Channel)
            .Required("applicant", request.Applicant)
            .Required("documents", request.Documents);
        if (request.Applicant is { } applicant)
            check.RequiredText("applicant.name", applicant.Name, 200)
                .Text("applicant.idNumber", applicant.IdNumber, 20)
                .Text("applicant.phone", applicant.Phone, 20)
                .Text("applicant.email", applicant.Email, 200)
                .Text("applicant.address", applicant.Address);
        for (var i = 0; i < (request.Documents?.Count ?? 0); i++)
        {
            var document = request.Documents![i];
            if (document is null) { check.Fail($"documents[{i}]", "is required."); continue; }
            check.RequiredText($"documents[{i}].name", document.Name, 300).Required($"documents[{i}].kind", document.Kind);
        }
        return check.Result();
    }

    [WolverinePost("/api/dossiers"), Authorize(Roles = Roles.Desk)]
    [ProducesResponseType<DossierCreated>(StatusCodes.Status201Created)]
    public static (DossierCreated, IStartStream) Post(SubmitDossierRequest request, ClaimsPrincipal user, TimeProvider clock)
    {
        var command = new DossierCommand.Submit(
            request.ProcedureCode!,
            request.Channel!.Value,
            new Applicant(request.Applicant!.Name!.Trim(), request.Applicant.IdNumber, request.Applicant.Phone, request.Applicant.Email, request.Applicant.Address),
            request.Documents!.Select(d => new DossierDocument(d.Name!.Trim(), d.Kind!.Value, d.Digitized ?? false)).ToList());
        var id = Guid.CreateVersion7();
        var submitted = DossierDecider.Submit(id, command, CurrentActor.From(user), clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7)));
        return (new DossierCreated(id, submitted.ProcedureCode, DossierStatus.Submitted, DvcqgStatus.Of(DossierStatus.Submitted)),
            MartenOps.StartStream<Dossier>(id, submitted));
    }
}
