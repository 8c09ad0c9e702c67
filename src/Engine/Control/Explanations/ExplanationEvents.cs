using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Control.Explanations;

// One stream per explanation request (its own id), linked to the dossier by id and code in every event. Everything the
// decider worked out (the agency asked, the due time missed, the answer's deadline, whether an answer came late) is in
// the events, so the register rebuilds to the same documents without a clock, a calendar or the dossier.

/// <summary>An event of an explanation request's stream.</summary>
public interface IExplanationEvent
{
    Guid ExplanationId { get; }
    Guid DossierId { get; }
}

/// <summary>
/// The control office asked <paramref name="Agency"/> to explain in writing why the dossier (or its step
/// <paramref name="TaskId"/>) is late: it missed <paramref name="MissedDueAt"/>. The answer is due at
/// <paramref name="AnswerDueAt"/>, <paramref name="AnswerTime"/> counted on the working calendar
/// <paramref name="CalendarVersion"/> from <paramref name="RequestedAt"/>.
/// </summary>
public record ExplanationRequested(
    Guid ExplanationId,
    Guid DossierId,
    string? DossierCode,
    string ProcedureCode,
    string? TaskId,
    string? StepTitle,
    string Agency,
    DateTimeOffset MissedDueAt,
    string? Note,
    Budget AnswerTime,
    DateTimeOffset AnswerDueAt,
    string CalendarVersion,
    Actor RequestedBy,
    DateTimeOffset RequestedAt) : IExplanationEvent;

/// <summary>
/// The agency explained: one of the configured causes (<paramref name="CauseText"/> for the free-text one), and what it
/// does about it. <paramref name="Late"/>: the answer came after its deadline.
/// </summary>
public record ExplanationAnswered(
    Guid ExplanationId,
    Guid DossierId,
    string? DossierCode,
    string Cause,
    string? CauseText,
    string Remedy,
    bool Late,
    Actor AnsweredBy,
    DateTimeOffset AnsweredAt) : IExplanationEvent;

/// <summary>The answer's deadline passed with no answer (its timer found the request still open).</summary>
public record ExplanationOverdue(
    Guid ExplanationId,
    Guid DossierId,
    string? DossierCode,
    string Agency,
    DateTimeOffset AnswerDueAt,
    DateTimeOffset DetectedAt) : IExplanationEvent;
