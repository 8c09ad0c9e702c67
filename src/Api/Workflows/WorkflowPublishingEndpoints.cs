using System.Security.Claims;
using Dossiers.Api.Auth;
using Dossiers.Engine.Workflows;
using Dossiers.Projections.Workflows;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Workflows;

public sealed record ApproveWorkflowRequest(string? Note);

/// <summary>Validate, submit a draft (integrator), approve and publish (procedure-control office).</summary>
public static class WorkflowPublishingEndpoints
{
    public const string Authors = $"{Roles.Integrator},{Roles.Controller},{Roles.Admin}";

    [WolverinePost("/api/workflows/validate"), Authorize(Roles = Authors)]
    [ProducesResponseType<ValidationReport>(StatusCodes.Status200OK), ProducesResponseType<ValidationReport>(StatusCodes.Status400BadRequest)]
    public static async Task<IResult> CheckDefinition(HttpRequest request, [NotBody] WorkflowLibrary library)
    {
        var result = WorkflowValidator.LoadAndValidate(await WorkflowBody.Read(request), "request body", library.Agencies);
        return new ValidationReport(result.IsValid, result.Problems).Answer();
    }

    [WolverinePost("/api/workflows"), Authorize(Roles = Roles.Integrator)]
    [ProducesResponseType<WorkflowSummary>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationReport>(StatusCodes.Status400BadRequest), ProducesResponseType(StatusCodes.Status409Conflict)]
    public static async Task<IResult> SubmitDraft(HttpRequest request, ClaimsPrincipal user, [NotBody] WorkflowLibrary library,
        IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var json = await WorkflowBody.Read(request);
        var result = WorkflowValidator.LoadAndValidate(json, "request body", library.Agencies);
        if (!result.IsValid) return new ValidationReport(false, result.Problems).Answer();
        var definition = result.Definition!;
        var id = WorkflowLibrary.IdOf(definition.DefinitionId, definition.Version);
        if (library.IsFile(definition.DefinitionId, definition.Version) || await session.LoadAsync<WorkflowRecord>(id, ct) is not null)
            return Results.Problem(statusCode: 409, title: "This version already exists",
                detail: $"{definition.Key} is immutable. Submit your change as version {definition.Version + 1} (or higher).");

        session.Events.StartStream<WorkflowRecord>(id, new WorkflowDraftSubmitted(id, definition.DefinitionId, definition.Version,
            definition.Procedure.Code, definition.Name, json, CurrentActor.From(user), clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7))));
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/workflows/{definition.DefinitionId}/{definition.Version}",
            WorkflowSummary.Of(definition, WorkflowStatus.Draft, "api"));
    }

    /// <summary>Approval publishes: from this moment new dossiers of the procedure start on this version.</summary>
    [WolverinePost("/api/workflows/{definitionId}/{version}/approve"), Authorize(Roles = Roles.Controller)]
    [ProducesResponseType<WorkflowSummary>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound), ProducesResponseType(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Approve(string definitionId, int version, ApproveWorkflowRequest? body, ClaimsPrincipal user,
        WorkflowLibrary library, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        if (library.IsFile(definitionId, version))
            return Results.Problem(statusCode: 409, title: "Already published", detail: "This version ships as a file in workflows/ and is published at start-up.");
        // Under the record's row lock: a second approval at the same moment waits, then finds it published (409).
        var stream = await session.Events.FetchForExclusiveWriting<WorkflowRecord>(WorkflowLibrary.IdOf(definitionId, version), ct);
        if (stream.Aggregate is not { } record) return Results.NotFound();
        if (record.Status != WorkflowStatus.Draft)
            return Results.Problem(statusCode: 409, title: "Not a draft", detail: $"{definitionId} v{version} is already {record.Status.ToString().ToLowerInvariant()}.");
        if (body?.Note is { Length: > 1000 })
            return Results.Problem(statusCode: 400, title: "The request is not valid", detail: "note must be at most 1000 characters.");

        var now = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(7));
        var by = CurrentActor.From(user);
        stream.AppendMany(new WorkflowApproved(record.Id, by, now, body?.Note), new WorkflowPublished(record.Id, by, now));
        await session.SaveChangesAsync(ct);
        return Results.Ok(WorkflowSummary.Of(library.Parse(record), WorkflowStatus.Published, "api"));
    }
}
