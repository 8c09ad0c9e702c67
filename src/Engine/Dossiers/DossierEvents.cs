namespace Dossiers.Engine.Dossiers;

// Events are the storage contract: flat, past tense, stream id first, then what, who and when.
// Everything a projection needs (due times, outcomes, calendar version) is decided before it is written here.

/// <summary>A citizen or business filed a dossier (DVCQG 1, Mới đăng ký).</summary>
public record DossierSubmitted(
    Guid DossierId,
    string ProcedureCode,
    Channel Channel,
    Applicant Applicant,
    IReadOnlyList<DossierDocument> Documents,
    Actor SubmittedBy,
    DateTimeOffset SubmittedAt);
