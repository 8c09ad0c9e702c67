using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Dossiers;

/// <summary>A task waiting for its agency: what the inbox shows and what a completion is checked against.</summary>
public sealed record OpenTask(
    string TaskId,
    string ActivityId,
    string Agency,
    string Title,
    Budget Budget,
    DateTimeOffset DueAt,
    DateTimeOffset ActivatedAt,
    HandOver? HandOver,
    bool Acknowledged,
    bool Overdue = false);

/// <summary>The frozen state of the clock while the applicant (supplement) or a payment is awaited.</summary>
public sealed record ClockPause(
    PauseReason Reason,
    DateTimeOffset PausedAt,
    TimeSpan DossierRemaining,
    IReadOnlyDictionary<string, TimeSpan> TaskRemaining,
    TimeSpan LegalRemaining);
