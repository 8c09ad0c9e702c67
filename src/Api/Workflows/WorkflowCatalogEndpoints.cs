using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Projections.Workflows;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Workflows;

/// <summary>The catalogue: what procedures exist, each version's definition, and its diagram.</summary>
public static class WorkflowCatalogEndpoints
{
    /// <param name="status">published (default), draft or approved.</param>
    [WolverineGet("/api/workflows"), Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<WorkflowList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? status, WorkflowLibrary library, IQuerySession session, CancellationToken ct)
    {
        if (!Enum.TryParse<WorkflowStatus>(status ?? nameof(WorkflowStatus.Published), ignoreCase: true, out var wanted))
            return CommandResults.Invalid("status", "must be published, draft or approved.");
        if (wanted == WorkflowStatus.Published)
            return Results.Ok(new WorkflowList([.. (await library.Published(session, ct)).Select(d => Summary(library, d))]));
        var records = await session.Query<WorkflowRecord>().Where(r => r.Status == wanted).OrderBy(r => r.SubmittedAt).ToListAsync(ct);
        return Results.Ok(new WorkflowList([.. records.Select(r => WorkflowSummary.Of(library.Parse(r), r.Status, "api"))]));
    }

    [WolverineGet("/api/workflows/{definitionId}/{version}"), Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<WorkflowDetail>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<WorkflowDetail?> Get(string definitionId, int version, WorkflowLibrary library, IQuerySession session, CancellationToken ct) =>
        await Resolve(definitionId, version, library, session, ct) is var (definition, status, source)
            ? new WorkflowDetail(WorkflowSummary.Of(definition, status, source), definition.Procedure, definition.Source)
            : null;

    [WolverineGet("/api/workflows/{definitionId}/{version}/diagram"), Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<WorkflowDiagram>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<WorkflowDiagram?> Diagram(string definitionId, int version, WorkflowLibrary library, IQuerySession session, CancellationToken ct) =>
        await Resolve(definitionId, version, library, session, ct) is var (definition, _, _)
            ? new WorkflowDiagram(definitionId, version, MermaidDiagram.Render(definition, library.Agencies))
            : null;

    /// <summary>A file, or a version submitted through the API in any state (drafts are shown to reviewers too).</summary>
    internal static async Task<(WorkflowDefinition, WorkflowStatus, string)?> Resolve(string definitionId, int version,
        WorkflowLibrary library, IQuerySession session, CancellationToken ct)
    {
        if (library.File(definitionId, version) is { } file) return (file, WorkflowStatus.Published, "file");
        return await session.LoadAsync<WorkflowRecord>(WorkflowLibrary.IdOf(definitionId, version), ct) is { } record
            ? (library.Parse(record), record.Status, "api")
            : null;
    }

    private static WorkflowSummary Summary(WorkflowLibrary library, WorkflowDefinition d) =>
        WorkflowSummary.Of(d, WorkflowStatus.Published, library.IsFile(d.DefinitionId, d.Version) ? "file" : "api");
}
