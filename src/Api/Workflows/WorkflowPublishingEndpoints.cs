using System.Security.Claims;
using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;
using Dossiers.Projections.Workflows;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Workflows;

public sealed record ApproveWorkflowRequest(string? Note);

/// <summary>What the control office wants changed before it approves; required, so the integrator knows what to fix.</summary>
public sealed record RequestWorkflowChangesRequest(string? Comments);

/// <summary>
/// The review of a version before it is published (QĐ 1326/QĐ-UBND): an integrator submits a draft, the
/// procedure-control office returns it with comments or approves it (approval publishes), the integrator revises a
/// returned draft under the same (definitionId, version). Each step is an event with who and why.
/// </summary>
public static class WorkflowPublishingEndpoints
{
    public const string Authors = $"{Roles.Integrator},{Roles.Controller},{Roles.Admin}";
    public const int MaxNote = 1000, MaxComments = 4000;

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
        var (json, definition, invalid) = await ReadDefinition(request, library);
        if (invalid is not null) return invalid;
        var id = WorkflowLibrary.IdOf(definition!.DefinitionId, definition.Version);
        if (library.IsFile(definition.DefinitionId, definition.Version) || await session.LoadAsync<WorkflowRecord>(id, ct) is not null)
            return Results.Problem(statusCode: 409, title: "This version already exists",
                detail: $"{definition.Key} is immutable. Submit your change as version {definition.Version + 1} (or higher).");

        session.Events.StartStream<WorkflowRecord>(id, new WorkflowDraftSubmitted(id, definition.DefinitionId, definition.Version,
            definition.Procedure.Code, definition.Name, json, CurrentActor.From(user), Now(clock)));
        await session.SaveChangesAsync(ct);
        return Results.Created($"/api/workflows/{definition.DefinitionId}/{definition.Version}",
            WorkflowSummary.Of(definition, WorkflowStatus.Draft, "api"));
    }

    /// <summary>The control office returns a draft to its integrator: it stays unpublished until revised and approved.</summary>
    [WolverinePost("/api/workflows/{definitionId}/{version}/request-changes"), Authorize(Roles = Roles.Controller)]
    [ProducesResponseType<WorkflowSummary>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound), ProducesResponseType(StatusCodes.Status409Conflict)]
    public static async Task<IResult> RequestChanges(string definitionId, int version, RequestWorkflowChangesRequest body, ClaimsPrincipal user,
        [NotBody] WorkflowLibrary library, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var check = new RequestCheck().RequiredText("comments", body.Comments, MaxComments);
        if (!check.IsValid) return Results.Problem(check.Result());
        var (stream, refusal) = await FetchIn(WorkflowStatus.Draft, "returned for changes", definitionId, version, library, session, ct);
        if (refusal is not null) return refusal;

        stream!.AppendOne(new WorkflowChangesRequested(stream.Id, CurrentActor.From(user), Now(clock), body.Comments!.Trim()));
        await session.SaveChangesAsync(ct);
        return Results.Ok(WorkflowSummary.Of(library.Parse(stream.Aggregate!), WorkflowStatus.ChangesRequested, "api"));
    }

    /// <summary>
    /// The integrator replaces a returned draft with its revision, validated as a new draft is; it awaits review again.
    /// The body is the whole definition, so the optional note saying what changed comes in the query.
    /// </summary>
    [WolverinePut("/api/workflows/{definitionId}/{version}"), Authorize(Roles = Roles.Integrator)]
    [ProducesResponseType<WorkflowSummary>(StatusCodes.Status200OK), ProducesResponseType<ValidationReport>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound), ProducesResponseType(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Resubmit(string definitionId, int version, string? note, HttpRequest request, ClaimsPrincipal user,
        [NotBody] WorkflowLibrary library, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var check = new RequestCheck().Text("note", note, MaxNote);
        if (!check.IsValid) return Results.Problem(check.Result());
        var (json, definition, invalid) = await ReadDefinition(request, library);
        if (invalid is not null) return invalid;
        // The route names the version under review; a body for another one is a mistake, not a move.
        if (definition!.DefinitionId != definitionId)
            return Results.Problem(check.Fail("definitionId", $"must be {definitionId}, as in the route (the body says {definition.DefinitionId}).").Result());
        if (definition.Version != version)
            return Results.Problem(check.Fail("version", $"must be {version}, as in the route (the body says {definition.Version}).").Result());
        var (stream, refusal) = await FetchIn(WorkflowStatus.ChangesRequested, "revised", definitionId, version, library, session, ct);
        if (refusal is not null) return refusal;
        // New dossiers find their version by the procedure code the record kept from the submission.
        if (definition.Procedure.Code != stream!.Aggregate!.ProcedureCode)
            return Results.Problem(check.Fail("customProperties.procedure.code",
                $"must stay {stream.Aggregate.ProcedureCode}: a definitionId belongs to one procedure.").Result());

        stream.AppendOne(new WorkflowDraftRevised(stream.Id, json, definition.Name, CurrentActor.From(user), Now(clock), note?.Trim()));
        await session.SaveChangesAsync(ct);
        return Results.Ok(WorkflowSummary.Of(definition, WorkflowStatus.Draft, "api"));
    }

    /// <summary>Approval publishes: from this moment new dossiers of the procedure start on this version.</summary>
    [WolverinePost("/api/workflows/{definitionId}/{version}/approve"), Authorize(Roles = Roles.Controller)]
    [ProducesResponseType<WorkflowSummary>(StatusCodes.Status200OK), ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound), ProducesResponseType(StatusCodes.Status409Conflict)]
    public static async Task<IResult> Approve(string definitionId, int version, ApproveWorkflowRequest? body, ClaimsPrincipal user,
        [NotBody] WorkflowLibrary library, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var check = new RequestCheck().Text("note", body?.Note, MaxNote);
        if (!check.IsValid) return Results.Problem(check.Result());
        var (stream, refusal) = await FetchIn(WorkflowStatus.Draft, "approved", definitionId, version, library, session, ct);
        if (refusal is not null) return refusal;

        var now = Now(clock);
        var by = CurrentActor.From(user);
        stream!.AppendMany(new WorkflowApproved(stream.Id, by, now, body?.Note), new WorkflowPublished(stream.Id, by, now));
        await session.SaveChangesAsync(ct);
        return Results.Ok(WorkflowSummary.Of(library.Parse(stream.Aggregate!), WorkflowStatus.Published, "api"));
    }

    /// <summary>The body as the definition it holds, or the 400 answer with the validator's report.</summary>
    private static async Task<(string Json, WorkflowDefinition? Definition, IResult? Invalid)> ReadDefinition(HttpRequest request, WorkflowLibrary library)
    {
        var json = await WorkflowBody.Read(request);
        var result = WorkflowValidator.LoadAndValidate(json, "request body", library.Agencies);
        return result.IsValid
            ? (json, result.Definition, null)
            : (json, null, new ValidationReport(false, result.Problems).Answer());
    }

    /// <summary>
    /// The version's stream under its row lock when it is an API version in the <paramref name="expected"/> state, or the
    /// answer why not. Under the lock a second reviewer acting at the same moment waits, then finds the new state (409).
    /// </summary>
    private static async Task<(IEventStream<WorkflowRecord>? Stream, IResult? Refusal)> FetchIn(WorkflowStatus expected, string action,
        string definitionId, int version, WorkflowLibrary library, IDocumentSession session, CancellationToken ct)
    {
        if (library.IsFile(definitionId, version))
            return (null, Results.Problem(statusCode: 409, title: "Already published",
                detail: $"{definitionId} v{version} ships as a file in workflows/ and is published at start-up; it cannot be {action}."));
        var stream = await session.Events.FetchForExclusiveWriting<WorkflowRecord>(WorkflowLibrary.IdOf(definitionId, version), ct);
        if (stream.Aggregate is not { } record)
            return (null, WorkflowCatalogEndpoints.VersionNotFound(definitionId, version, "version"));
        if (record.Status != expected)
            return (null, Results.Problem(statusCode: 409, title: $"Not {Describe(expected)}",
                detail: $"{definitionId} v{version} is {Describe(record.Status)}; only {Describe(expected)} can be {action}."));
        return (stream, null);
    }

    private static string Describe(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Draft => "a draft awaiting review",
        WorkflowStatus.ChangesRequested => "a draft returned for changes",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().ToOffset(WorkingCalendar.VietnamOffset);
}
