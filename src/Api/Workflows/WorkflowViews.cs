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

public sealed record ValidationReport(bool Valid, IReadOnlyList<WorkflowProblem> Problems);
