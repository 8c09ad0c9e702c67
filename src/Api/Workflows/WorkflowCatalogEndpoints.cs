using System.Globalization;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Projections.Workflows;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Workflows;

/// <summary>The catalogue: what procedures exist, each version's definition, its diagram, its review, and how two versions differ.</summary>
public static class WorkflowCatalogEndpoints
{
    /// <param name="status">published (default), draft, changesRequested (or changes-requested) or approved; any case.</param>
    [WolverineGet("/api/workflows"), Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<WorkflowList>(StatusCodes.Status200OK)]
    public static async Task<IResult> List(string? status, WorkflowLibrary library, IQuerySession session, CancellationToken ct)
    {
        // The API writes statuses in camelCase (changesRequested); the words of the docs (changes-requested) are accepted too.
        if (!Enum.TryParse<WorkflowStatus>((status ?? nameof(WorkflowStatus.Published)).Replace("-", ""), ignoreCase: true, out var wanted))
            return CommandResults.Invalid("status", "must be published, draft, changesRequested or approved.");
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

    /// <summary>Who submitted, returned, revised, approved and published the version, and why, oldest first.</summary>
    /// <remarks>A shipped file has no steps here: files are reviewed through the release that ships them.</remarks>
    [WolverineGet("/api/workflows/{definitionId}/{version}/review"), Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<WorkflowReview>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Review(string definitionId, int version, WorkflowLibrary library, IQuerySession session, CancellationToken ct)
    {
        if (library.IsFile(definitionId, version))
            return Results.Ok(new WorkflowReview(definitionId, version, WorkflowStatus.Published, "file", []));
        return await session.LoadAsync<WorkflowRecord>(WorkflowLibrary.IdOf(definitionId, version), ct) is { } record
            ? Results.Ok(new WorkflowReview(definitionId, version, record.Status, "api", record.Review ?? []))
            : VersionNotFound(definitionId, version, "version");
    }

    /// <summary>What changed from version <paramref name="against"/> to <paramref name="version"/>; either may be a file or an API version in any state.</summary>
    /// <param name="against">the version to compare with (a positive whole number).</param>
    [WolverineGet("/api/workflows/{definitionId}/{version}/diff"), Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<WorkflowComparison>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest), ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Diff(string definitionId, int version, string? against, WorkflowLibrary library, IQuerySession session, CancellationToken ct)
    {
        // Taken as text: "?against=abc" is the client's mistake to name, not a binding failure.
        if (!int.TryParse(against, NumberStyles.None, CultureInfo.InvariantCulture, out var other) || other < 1)
            return CommandResults.Invalid("against", against is null
                ? "is required: the version to compare with, e.g. ?against=1."
                : "must be a positive whole number: the version to compare with.");
        if (await Resolve(definitionId, version, library, session, ct) is not var (to, _, _))
            return VersionNotFound(definitionId, version, "version");
        if (await Resolve(definitionId, other, library, session, ct) is not var (from, _, _))
            return VersionNotFound(definitionId, other, "against");
        return Results.Ok(WorkflowDiff.Compare(from, to));
    }

    /// <param name="field">which version of the request is missing: <c>version</c> (the route's) or <c>against</c>.</param>
    internal static IResult VersionNotFound(string definitionId, int version, string field) =>
        Results.Problem(statusCode: 404, title: "Workflow version not found", detail: $"{definitionId} has no version {version} ({field}).",
            extensions: new Dictionary<string, object?> { ["field"] = field });

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
