namespace Dossiers.Engine.Workflows;

// One stream per (definitionId, version), id StableId.For("workflow", key): draft → approved → published.

/// <summary>An integrator submitted a new definition version; it is validated and immutable from here on.</summary>
public record WorkflowDraftSubmitted(Guid WorkflowId, string DefinitionId, int Version, string ProcedureCode, string Name,
    string Json, Actor SubmittedBy, DateTimeOffset SubmittedAt);

/// <summary>The procedure-control office approved the draft.</summary>
public record WorkflowApproved(Guid WorkflowId, Actor ApprovedBy, DateTimeOffset ApprovedAt, string? Note);

/// <summary>The version is published: new dossiers of the procedure start on it.</summary>
public record WorkflowPublished(Guid WorkflowId, Actor PublishedBy, DateTimeOffset PublishedAt);

public enum WorkflowStatus { Draft, Approved, Published }
