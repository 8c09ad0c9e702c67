namespace Dossiers.Engine.Workflows;

// One stream per (definitionId, version), id StableId.For("workflow", key):
// draft ⇄ changes requested (the control office returns it, the integrator revises it) → approved → published.

/// <summary>An integrator submitted a new definition version; it is validated and awaits review.</summary>
public record WorkflowDraftSubmitted(Guid WorkflowId, string DefinitionId, int Version, string ProcedureCode, string Name,
    string Json, Actor SubmittedBy, DateTimeOffset SubmittedAt);

/// <summary>The procedure-control office returned the draft to its integrator with what must change (QĐ 1326/QĐ-UBND).</summary>
public record WorkflowChangesRequested(Guid WorkflowId, Actor RequestedBy, DateTimeOffset At, string Comments);

/// <summary>
/// The integrator replaced a returned draft with a revised definition of the same (definitionId, version); it awaits
/// review again. <paramref name="Note"/> says what was changed, when the integrator gave one.
/// </summary>
public record WorkflowDraftRevised(Guid WorkflowId, string Json, string Name, Actor RevisedBy, DateTimeOffset At, string? Note = null);

/// <summary>The procedure-control office approved the draft.</summary>
public record WorkflowApproved(Guid WorkflowId, Actor ApprovedBy, DateTimeOffset ApprovedAt, string? Note);

/// <summary>The version is published: new dossiers of the procedure start on it; from here on it is immutable.</summary>
public record WorkflowPublished(Guid WorkflowId, Actor PublishedBy, DateTimeOffset PublishedAt);

// ChangesRequested is last so the numbers of the earlier values stay what they were.
public enum WorkflowStatus { Draft, Approved, Published, ChangesRequested }
