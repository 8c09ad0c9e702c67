using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Engine.Control.Explanations;

/// <summary>Where a request stands: waiting for its answer, past its deadline unanswered, or answered (on time or late).</summary>
public enum ExplanationStatus { Open, Overdue, Answered }

/// <summary>An agency's written explanation of a late dossier or step: the cause (a configured code), and the remedy.</summary>
public sealed record LateCauseAnswer(string Cause, string? CauseText, string Remedy, bool Late, Actor AnsweredBy, DateTimeOffset AnsweredAt);

/// <summary>
/// One explanation request, folded from its stream by <see cref="Evolve"/>: what the decider checks an answer or a
/// timer against, and the register's document (it holds no applicant's personal data, only the dossier's id and code).
/// </summary>
public sealed record Explanation(
    Guid Id,
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
    DateTimeOffset RequestedAt) : IChainedState
{
    /// <summary>Stream version after the last applied event (set by the store while folding).</summary>
    public long Version { get; init; }

    /// <summary>The audit hash of the last applied event (set by the store while folding): the next append chains on it.</summary>
    public string? ChainHead { get; init; }

    public ExplanationStatus Status { get; init; } = ExplanationStatus.Open;

    /// <summary>When the timer found the deadline passed unanswered.</summary>
    public DateTimeOffset? OverdueAt { get; init; }

    public LateCauseAnswer? Answer { get; init; }

    /// <summary>A request about the dossier as a whole (its appointment), not one of its steps.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ForDossier => TaskId is null;

    /// <summary>Not answered yet, whether or not its deadline has passed: a second request on the same subject waits for it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Unanswered => Answer is null;

    /// <summary>The one rule for "late", shared by the decider (an answer's flag) and the figures: strictly after the deadline.</summary>
    public static bool IsLate(DateTimeOffset answeredAt, DateTimeOffset dueAt) => answeredAt > dueAt;

    // No Create/Apply methods here: Marten would take them as conventions and refuse the explicit Evolve.
    public static Explanation? Evolve(Explanation? state, object @event) => (state, @event) switch
    {
        (null, ExplanationRequested e) => new Explanation(e.ExplanationId, e.DossierId, e.DossierCode, e.ProcedureCode, e.TaskId, e.StepTitle,
            e.Agency, e.MissedDueAt, e.Note, e.AnswerTime, e.AnswerDueAt, e.CalendarVersion, e.RequestedBy, e.RequestedAt),
        (null, _) => null,
        ({ } s, ExplanationOverdue e) => s with { Status = ExplanationStatus.Overdue, OverdueAt = e.DetectedAt },
        ({ } s, ExplanationAnswered e) => s with
        {
            Status = ExplanationStatus.Answered,
            Answer = new LateCauseAnswer(e.Cause, e.CauseText, e.Remedy, e.Late, e.AnsweredBy, e.AnsweredAt),
        },
        ({ } s, _) => s,
    };
}
