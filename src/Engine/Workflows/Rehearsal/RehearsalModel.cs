using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows.Rehearsal;

/// <summary>
/// What to rehearse a definition with: when the dossier arrives, which outcomes to pin (activity id → the ports of its
/// successive visits; the last one repeats), and where it is received, to name the units the relative agencies resolve to.
/// </summary>
public sealed record RehearsalOptions(
    DateTimeOffset Start,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Outcomes = null,
    string? ReceivingCentre = null,
    string? Commune = null);

/// <summary>Every path from the intake to an end, timed on the real calendar, and whether each fits the legal time.</summary>
/// <param name="Truncated">More paths exist than were rehearsed, or a path was cut at the step limit.</param>
public sealed record WorkflowRehearsalResult(
    string DefinitionId,
    int Version,
    DateTimeOffset Start,
    Budget LegalTime,
    decimal LegalHours,
    DateTimeOffset LegalDueAt,
    string CalendarVersion,
    IReadOnlyList<RehearsedPath> Paths,
    bool AllFit,
    bool Truncated);

/// <summary>
/// One way through the flowchart. <paramref name="Choices"/> has the same shape as <see cref="RehearsalOptions.Outcomes"/>,
/// so a path can be rehearsed alone by pinning its choices.
/// </summary>
/// <param name="BudgetHours">The step budgets in working hours; parallel branches count as their longest (as the validator's budget rule).</param>
/// <param name="EndsAt">When the end is reached, each step starting when the previous one is due.</param>
/// <param name="LateByHours">How far past the legal time, in working hours: the larger of the budget overrun and the office time between the legal due time and the end; 0 when the path fits.</param>
/// <param name="Truncated">The path was cut at <see cref="WorkflowRehearsal.MaxStepsPerPath"/> steps (a pinned loop that never leaves); it has no end.</param>
public sealed record RehearsedPath(
    int Number,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Choices,
    IReadOnlyList<RehearsedStep> Steps,
    RehearsedEnd? End,
    decimal BudgetHours,
    decimal LegalHours,
    DateTimeOffset LegalDueAt,
    DateTimeOffset EndsAt,
    bool Fits,
    decimal LateByHours,
    bool Truncated);

/// <summary>The end a path reaches: a result (<c>Dossier.Result</c>) or a refusal (<c>Dossier.Reject</c>).</summary>
public sealed record RehearsedEnd(string ActivityId, string Type, string Label);

/// <summary>
/// One step of a path. <paramref name="Port"/> is the port it left by; <paramref name="Branch"/> names the fork branch it
/// runs in (<c>fork/Police</c>), null on the main line; <paramref name="Note"/> says why a step takes no time or waits.
/// </summary>
public sealed record RehearsedStep(
    string ActivityId,
    string Type,
    string Label,
    StepAgency? Agency,
    Budget? Budget,
    decimal BudgetHours,
    DateTimeOffset StartsAt,
    DateTimeOffset DueAt,
    string? Port,
    string? Branch,
    string? Note);

/// <summary>Where a step works: the notation the definition writes, and the unit it resolves to when the rehearsal knows the jurisdiction.</summary>
public sealed record StepAgency(string Notation, string? Code, string? Name);
