using System.Text.Json.Nodes;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;
using Dossiers.Projections.Workflows;

namespace Dossiers.Api.Workflows;

public sealed record WorkflowSummary(string DefinitionId, int Version, string ProcedureCode, string Name, string Level,
    Budget LegalTime, WorkflowStatus Status, string Source)
{
    public static WorkflowSummary Of(WorkflowDefinition d, WorkflowStatus status, string source) =>
        new(d.DefinitionId, d.Version, d.Procedure.Code, d.Name, d.Procedure.Level, d.Procedure.LegalTime, status, source);
}

public sealed record WorkflowList(IReadOnlyList<WorkflowSummary> Items);

public sealed record WorkflowDetail(WorkflowSummary Workflow, ProcedureInfo Procedure, JsonObject Definition);

public sealed record WorkflowDiagram(string DefinitionId, int Version, string Mermaid);

/// <param name="Source">file (reviewed through its release: no steps here) or api.</param>
public sealed record WorkflowReview(string DefinitionId, int Version, WorkflowStatus Status, string Source, IReadOnlyList<ReviewStep> Steps);

/// <summary>
/// What a validation found, each problem with its file, activity and fix. Refused (400) it is also an RFC 7807 problem:
/// <see cref="Errors"/> keys each message by where it is, <c>activities.&lt;id&gt;</c> or <c>definition</c>.
/// </summary>
public sealed record ValidationReport(bool Valid, IReadOnlyList<WorkflowProblem> Problems)
{
    public string Title => Valid ? "The definition is valid" : $"The definition has {Problems.Count} problem(s)";
    public int Status => Valid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;

    public IReadOnlyDictionary<string, string[]> Errors => Problems
        .GroupBy(p => p.ActivityId is null ? "definition" : $"activities.{p.ActivityId}")
        .ToDictionary(g => g.Key, g => g.Select(p => $"{p.Message} Fix: {p.Fix}").ToArray());

    /// <summary>200 when valid; otherwise 400 as application/problem+json.</summary>
    public IResult Answer() => Valid ? Results.Ok(this) : Results.Json(this, statusCode: Status, contentType: "application/problem+json");
}
