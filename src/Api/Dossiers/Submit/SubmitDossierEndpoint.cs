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

public sealed record ApplicantRequest(string? Name, string? IdNumber, string? Phone, string? Email, string? Address)
{
    /// <summary>The checked request as the decider takes it.</summary>
    public Applicant ToApplicant() => new(Name!.Trim(), IdNumber, Phone, Email, Address);
}

public sealed record DocumentRequest(string? Name, DocumentKind? Kind, bool? Digitized)
{
    public DossierDocument ToDocument() => new(Name!.Trim(), Kind!.Value, Digitized ?? false);
}

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
    internal static partial Regex ProcedureCodePattern();

    [GeneratedRegex(@"^[0-9]{9,12}$")]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"^\+?[0-9 .-]{8,15}$")]
    private static partial Regex PhonePattern();

    public static ProblemDetails Validate(SubmitDossierRequest? request) =>
        request is null
            ? new RequestCheck().Fail("body", "must be a JSON object.").Result()
            : Check(request.ProcedureCode, request.Applicant, request.Documents, request.Data, request.CompetentCommune, request.PickupCentre)
                .Required("channel", request.Channel).Result();

    /// <summary>The checks of every new dossier's fields, whoever submits it (a desk, the national portal).</summary>
    public static RequestCheck Check(string? procedureCode, ApplicantRequest? applicant, List<DocumentRequest>? documents, JsonElement? data,
        string? competentCommune, string? pickupCentre)
    {
        var check = new RequestCheck()
            .Required("procedureCode", procedureCode)
            .Matches("procedureCode", procedureCode, ProcedureCodePattern(), "a national procedure code such as 1.004222")
            .Required("applicant", applicant)
            .Required("documents", documents)
            .Text("competentCommune", competentCommune, 40)
            .Text("pickupCentre", pickupCentre, 40);
        if (applicant is not null)
            check.RequiredText("applicant.name", applicant.Name, 200)
                .Matches("applicant.idNumber", applicant.IdNumber, IdNumberPattern(), "9 to 12 digits (CMND/CCCD)")
                .Matches("applicant.phone", applicant.Phone, PhonePattern(), "a phone number of 8 to 15 digits")
                .Text("applicant.email", applicant.Email, 200)
                .Text("applicant.address", applicant.Address);
        if (documents is { Count: > MaxDocuments }) check.Fail("documents", $"must list at most {MaxDocuments} documents.");
        for (var i = 0; i < Math.Min(documents?.Count ?? 0, MaxDocuments); i++)
        {
            var document = documents![i];
            if (document is null) { check.Fail($"documents[{i}]", "is required."); continue; }
            check.RequiredText($"documents[{i}].name", document.Name, 300).Required($"documents[{i}].kind", document.Kind);
        }
        if (data is { } given && given.ValueKind != JsonValueKind.Object && given.ValueKind != JsonValueKind.Null)
            check.Fail("data", "must be an object of form fields.");
        else if (data is { ValueKind: JsonValueKind.Object } form && form.GetRawText().Length > MaxDataBytes)
            check.Fail("data", $"must be at most {MaxDataBytes} bytes.");
        return check;
    }

    /// <summary>The form fields as stored on the dossier: the object's JSON, or none.</summary>
    public static string? FormData(JsonElement? data) => data is { ValueKind: JsonValueKind.Object } form ? form.GetRawText() : null;

    [WolverinePost("/api/dossiers"), Authorize(Roles = Roles.Desk), DossierCommand(Creates = true)]
    public static Task<IResult> Post(SubmitDossierRequest request, [NotBody] CommandScope scope, IMessageBus bus) =>
        scope.Submit(request, new DossierCommand.Submit(
            Guid.CreateVersion7(),
            request.ProcedureCode!,
            request.Channel!.Value,
            request.Applicant!.ToApplicant(),
            [.. request.Documents!.Select(d => d.ToDocument())],
            FormData(request.Data),
            request.CompetentCommune?.Trim(), request.PickupCentre?.Trim()), bus);
}
