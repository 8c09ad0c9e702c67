using System.Text.RegularExpressions;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Lookup;
using Dossiers.Api.Validation;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Engine.Dossiers;
using Marten;

namespace Dossiers.Api.Feedback;

/// <summary>How to reach the citizen (all optional: a feedback may be anonymous). Personal data.</summary>
public sealed record FeedbackContactRequest(string? Name, string? Phone, string? Email, string? Address)
{
    public FeedbackContact ToContact() => new(Trimmed(Name), Trimmed(Phone), Trimmed(Email), Trimmed(Address));

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A feedback the desk types in for a citizen: about a dossier (its code) or a procedure (its code).</summary>
public sealed record ReceiveFeedbackRequest(string? DossierCode, string? ProcedureCode, string? Subject, string? Content, FeedbackContactRequest? Contact);

/// <summary>
/// A feedback sent online by anyone. About a dossier, it must carry the receipt's proof: the result-link code printed
/// on the dossier's receipt (Mẫu 01), which only the holder of the receipt has. Otherwise it names a procedure.
/// </summary>
public sealed record PublicFeedbackRequest(string? DossierCode, string? ReceiptToken, string? ProcedureCode, string? Subject, string? Content,
    FeedbackContactRequest? Contact);

/// <summary>The checks and look-ups a new feedback goes through, whoever sends it.</summary>
public static partial class FeedbackRequests
{
    public const int MaxSubject = 200, MaxContent = 4000;

    [GeneratedRegex(@"^\+?[0-9 .-]{8,15}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();

    /// <summary>Every field's own check: one of the codes, the texts, the contact's shape.</summary>
    public static RequestCheck Check(string? dossierCode, string? procedureCode, string? subject, string? content, FeedbackContactRequest? contact)
    {
        var check = new RequestCheck()
            .Matches("dossierCode", dossierCode, PublicLookupEndpoint.CodePattern(), "a dossier code such as 000.01.62.H48-260302-0001")
            .Matches("procedureCode", procedureCode, SubmitDossierEndpoint.ProcedureCodePattern(), "a national procedure code such as 1.004222")
            .RequiredText("subject", subject, MaxSubject)
            .RequiredText("content", content, MaxContent);
        if (dossierCode is null && procedureCode is null) check.Fail("procedureCode", "is required when no dossierCode is given.");
        if (contact is not null)
            check.Text("contact.name", contact.Name, 200)
                .Matches("contact.phone", contact.Phone, PhonePattern(), "a phone number of 8 to 15 digits")
                .Text("contact.email", contact.Email, 254)
                .Matches("contact.email", contact.Email, EmailPattern(), "an e-mail address such as an@example.vn")
                .Text("contact.address", contact.Address);
        return check;
    }

    /// <summary>
    /// The command for a new feedback, or the 400 naming the field: the dossier by its code (<paramref name="proof"/>
    /// says whether the caller may name it, or the problem), or the procedure among the published ones.
    /// </summary>
    public static async Task<(FeedbackCommand.Receive?, IResult?)> Command(FeedbackChannel channel, string? dossierCode, string? procedureCode,
        string subject, string content, FeedbackContactRequest? contact, string? deskCentre, Func<Dossier, IResult?> proof,
        IDocumentSession session, WorkflowLibrary library, CancellationToken ct)
    {
        Dossier? dossier = null;
        if (dossierCode is not null)
        {
            dossier = await session.Query<Dossier>().Where(d => d.Code == dossierCode).FirstOrDefaultAsync(ct);
            if (dossier is null) return (null, CommandResults.Invalid("dossierCode", "No dossier has this code."));
            if (proof(dossier) is { } refused) return (null, refused);
            if (procedureCode is not null && procedureCode != dossier.ProcedureCode)
                return (null, CommandResults.Invalid("procedureCode", $"must be the dossier's procedure ({dossier.ProcedureCode}), or left out."));
        }
        else if (await library.Latest(session, procedureCode!, ct) is null)
            return (null, CommandResults.Invalid("procedureCode", "The centre serves no such procedure. See GET /api/public/procedures."));
        var given = contact?.ToContact();
        return (new FeedbackCommand.Receive(Guid.CreateVersion7(), channel, dossierCode, dossier?.Id, dossier?.ProcedureCode ?? procedureCode!,
            deskCentre ?? dossier?.ReceivingAgency, subject.Trim(), content.Trim(),
            given is { Name: null, Phone: null, Email: null, Address: null } ? null : given), null);
    }
}
