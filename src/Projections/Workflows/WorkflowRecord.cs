using Dossiers.Engine;
using Dossiers.Engine.Workflows;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Workflows;

/// <summary>A workflow version submitted through the API, with its publishing history.</summary>
public sealed record WorkflowRecord(
    Guid Id,
    string DefinitionId,
    int Version,
    string ProcedureCode,
    string Name,
    string Json,
    WorkflowStatus Status,
    Actor SubmittedBy,
    DateTimeOffset SubmittedAt,
    Actor? ApprovedBy = null,
    DateTimeOffset? ApprovedAt = null,
    DateTimeOffset? PublishedAt = null);

/// <summary>Inline: an approval is visible to the next request, on every node.</summary>
public sealed partial class WorkflowRecordProjection : SingleStreamProjection<WorkflowRecord, Guid>
{
    public static WorkflowRecord Create(WorkflowDraftSubmitted e) =>
        new(e.WorkflowId, e.DefinitionId, e.Version, e.ProcedureCode, e.Name, e.Json, WorkflowStatus.Draft, e.SubmittedBy, e.SubmittedAt);

    public static WorkflowRecord Apply(WorkflowApproved e, WorkflowRecord record) =>
        record with { Status = WorkflowStatus.Approved, ApprovedBy = e.ApprovedBy, ApprovedAt = e.ApprovedAt };

    public static WorkflowRecord Apply(WorkflowPublished e, WorkflowRecord record) =>
        record with { Status = WorkflowStatus.Published, PublishedAt = e.PublishedAt };
}
