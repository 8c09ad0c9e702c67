using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Control.Explanations;

/// <summary>What can be asked of an explanation request's stream.</summary>
public abstract record ExplanationCommand
{
    /// <summary>
    /// The control office asks for a written explanation of the dossier's lateness (<paramref name="TaskId"/> null) or of
    /// one of its open steps. <paramref name="AnswerTime"/> overrides the configured answer time for this request.
    /// </summary>
    public sealed record Request(Guid ExplanationId, string? TaskId, string? Note, Budget? AnswerTime) : ExplanationCommand;

    /// <summary>The agency asked gives the cause (a configured code; free text where the cause requires it) and the remedy.</summary>
    public sealed record Answer(string Cause, string? CauseText, string Remedy) : ExplanationCommand;

    /// <summary>A durable timer fired for the answer's deadline <paramref name="DueAt"/>.</summary>
    public sealed record CheckDeadline(DateTimeOffset DueAt) : ExplanationCommand;
}

/// <summary>Everything an explanation decision may depend on besides the state: the calendar, who, now, and the rules.</summary>
public sealed record ExplanationContext(WorkingCalendar Calendar, Actor Actor, DateTimeOffset Now, ExplanationRules Rules);
