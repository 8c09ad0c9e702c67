using Dossiers.Api.Dossiers;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;

namespace Dossiers.Api.Explanations;

/// <param name="CauseLabel">The cause as the report prints it (the configured label).</param>
public sealed record ExplanationAnswerView(string Cause, string? CauseLabel, string? CauseText, string Remedy, bool Late, string AnsweredBy,
    string? AnsweredByAgency, DateTimeOffset AnsweredAt);

/// <summary>
/// One explanation request as staff read it: about the dossier or one of its steps (<see cref="Subject"/>), the agency
/// asked, the due time it missed, the answer's deadline, and the answer. <see cref="Version"/> is its ETag.
/// </summary>
/// <param name="Dossier">The dossier's own route.</param>
public sealed record ExplanationView(
    Guid Id,
    Guid DossierId,
    string? DossierCode,
    string ProcedureCode,
    string Subject,
    string? TaskId,
    string? StepTitle,
    string Agency,
    string? AgencyName,
    DateTimeOffset MissedDueAt,
    string? Note,
    Budget AnswerTime,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    DateTimeOffset AnswerDueAt,
    string CalendarVersion,
    ExplanationStatus Status,
    DateTimeOffset? OverdueAt,
    ExplanationAnswerView? Answer,
    long Version,
    string Dossier)
{
    public const string DossierSubject = "dossier", StepSubject = "step";

    public static ExplanationView Of(Explanation x, AgencyRegistry agencies, ExplanationRules rules) => new(
        x.Id, x.DossierId, x.DossierCode, x.ProcedureCode, x.ForDossier ? DossierSubject : StepSubject, x.TaskId, x.StepTitle,
        x.Agency, agencies.Find(x.Agency)?.Name, x.MissedDueAt, x.Note, x.AnswerTime, x.RequestedAt, x.RequestedBy.User, x.AnswerDueAt,
        x.CalendarVersion, x.Status, x.OverdueAt,
        x.Answer is { } a
            ? new ExplanationAnswerView(a.Cause, rules.Cause(a.Cause)?.Label, a.CauseText, a.Remedy, a.Late, a.AnsweredBy.User, a.AnsweredBy.Agency, a.AnsweredAt)
            : null,
        x.Version, $"/api/dossiers/{x.DossierId}");
}
