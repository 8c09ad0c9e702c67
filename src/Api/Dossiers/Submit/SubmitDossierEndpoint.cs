using System.Text.Json;
using System.Text.RegularExpressions;
using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

public sealed record ApplicantRequest(string? Name, string? IdNumber, string? Phone, string? Email, string? Address);
public sealed record DocumentRequest(string? Name, DocumentKind? Kind, bool? Digitized);

/// <param name="Data">Free-form form fields of the procedure; workflow conditions read them as dossier.data.</param>
/// <param name="CompetentCommune">The commune (its people's committee's code, e.g. from the applicant's address) whose units
/// handle the dossier; the receiving centre's own commune when left out.</param>
/// <param name="PickupCentre">The service centre where the applicant will collect the result; the receiving centre when left out.</param>
public sealed record SubmitDossierRequest(string? ProcedureCode, Channel? Channel, ApplicantRequest? Applicant, List<DocumentRequest>? Documents, JsonElement? Data,
    string? CompetentCommune = null, string? PickupCentre = null);

public static partial class SubmitDossierEndpoint
{
    public const int MaxDocuments = 100;
    public const int MaxDataBytes = 16 * 1024;

    [GeneratedRegex(@"^\d\.\d{6}$")]
    private static partial Regex ProcedureCodePattern();

    [GeneratedRegex(@"^[0-9]{9,12}$")]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"^\+?[0-9 .-]{8,15}$")]
    private static partial Regex PhonePattern();

    public static ProblemDetails Validate(SubmitDossierRequest? request)
    {
        if (request is null) return new RequestCheck().Fail("body", "must be a JSON object.").Result();
        var check = new RequestCheck()
            .Required("procedureCode", request.ProcedureCode)
            .Matches("procedureCode", request.ProcedureCode, ProcedureCodePattern(), "a national procedure code such as 1.004222")
            .Required("channel", request.Channel)
            .Required("applicant", request.Applicant)
            .Required("documents", request.Documents)
            .Text("competentCommune", request.CompetentCommune, 40)
            .Text("pickupCentre", request.PickupCentre, 40);
        if (request.Applicant is { } applicant)
            check.RequiredText("applicant.name", applicant.Name, 200)
                .Matches("applicant.idNumber", applicant.IdNumber, IdNumberPattern(), "9 to 12 digits (CMND/CCCD)")
                .Matches("applicant.phone", applicant.Phone, PhonePattern(), "a phone number of 8 to 15 digits")
                .Text("applicant.email", applicant.Email, 200)
                .Text("applicant.address", applicant.Address);
        if (request.Documents is { Count: > MaxDocuments }) check.Fail("documents", $"must list at most {MaxDocuments} documents.");
        for (var i = 0; i < Math.Min(request.Documents?.Count ?? 0, MaxDocuments); i++)
        {
            var document = request.Documents![i];
            if (document is null) { check.Fail($"documents[{i}]", "is required."); continue; }
            check.RequiredText($"documents[{i}].name", document.Name, 300).Required($"documents[{i}].kind", document.Kind);
        }
        if (request.Data is { } data && data.ValueKind != JsonValueKind.Object && data.ValueKind != JsonValueKind.Null)
            check.Fail("data", "must be an object of form fields.");
        else if (request.Data is { ValueKind: JsonValueKind.Object } form && form.GetRawText().Length > MaxDataBytes)
            check.Fail("data", $"must be at most {MaxDataBytes} bytes.");
        return check.Result();
    }

    [WolverinePost("/api/dossiers"), Authorize(Roles = Roles.Desk), DossierCommand(Creates = true)]
    public static Task<IResult> Post(SubmitDossierRequest request, [NotBody] CommandScope scope, IMessageBus bus) =>
        scope.Submit(request, new DossierCommand.Submit(
            Guid.CreateVersion7(),
            request.ProcedureCode!,
            request.Channel!.Value,
            new Applicant(request.Applicant!.Name!.Trim(), request.Applicant.IdNumber, request.Applicant.Phone, request.Applicant.Email, request.Applicant.Address),
            [.. request.Documents!.Select(d => new DossierDocument(d.Name!.Trim(), d.Kind!.Value, d.Digitized ?? false))],
            request.Data is { ValueKind: JsonValueKind.Object } data ? data.GetRawText() : null,
            request.CompetentCommune?.Trim(), request.PickupCentre?.Trim()), bus);
}
