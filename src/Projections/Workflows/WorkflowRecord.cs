using Dossiers.Engine;
using Dossiers.Engine.Workflows;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Workflows;

/// <summary>A workflow version submitted through the API, with its review and publishing history.</summary>
/// <param name="Review">Every step of the review, oldest first. Null only on a record written before reviews were
/// recorded and not rebuilt since.</param>
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
    DateTimeOffset? PublishedAt = null,
    IReadOnlyList<ReviewStep>? Review = null)
{
    public WorkflowRecord With(ReviewStep step) => this with { Review = [.. Review ?? [], step] };
}

/// <summary>One step of a version's review: who did what, when, and why (comments, or the optional note).</summary>
public sealed record ReviewStep(string Kind, Actor By, DateTimeOffset At, string? Note = null)
{
    public const string Submitted = "submitted";
    public const string ChangesRequested = "changes-requested";
    public const string Revised = "revised";
    public const string Approved = "approved";
    public const string Published = "published";
}

/// <summary>Inline: a review step is visible to the next request, on every node.</summary>
public sealed partial class WorkflowRecordProjection : SingleStreamProjection<WorkflowRecord, Guid>
{
    public static WorkflowRecord Create(WorkflowDraftSubmitted e) =>
        new(e.WorkflowId, e.DefinitionId, e.Version, e.ProcedureCode, e.Name, e.Json, WorkflowStatus.Draft, e.SubmittedBy, e.SubmittedAt,
            Review: [new ReviewStep(ReviewStep.Submitted, e.SubmittedBy, e.SubmittedAt)]);

    public static WorkflowRecord Apply(WorkflowChangesRequested e, WorkflowRecord record) =>
        (record with { Status = WorkflowStatus.ChangesRequested }).With(new ReviewStep(ReviewStep.ChangesRequested, e.RequestedBy, e.At, e.Comments));

    public static WorkflowRecord Apply(WorkflowDraftRevised e, WorkflowRecord record) =>
        (record with { Status = WorkflowStatus.Draft, Json = e.Json, Name = e.Name }).With(new ReviewStep(ReviewStep.Revised, e.RevisedBy, e.At, e.Note));

    public static WorkflowRecord Apply(WorkflowApproved e, WorkflowRecord record) =>
        (record with { Status = WorkflowStatus.Approved, ApprovedBy = e.ApprovedBy, ApprovedAt = e.ApprovedAt })
            .With(new ReviewStep(ReviewStep.Approved, e.ApprovedBy, e.ApprovedAt, e.Note));

    public static WorkflowRecord Apply(WorkflowPublished e, WorkflowRecord record) =>
        (record with { Status = WorkflowStatus.Published, PublishedAt = e.PublishedAt }).With(new ReviewStep(ReviewStep.Published, e.PublishedBy, e.PublishedAt));
}
