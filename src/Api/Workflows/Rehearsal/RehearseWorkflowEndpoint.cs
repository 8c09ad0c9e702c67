using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;
using Dossiers.Engine.Workflows.Rehearsal;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Workflows.Rehearsal;

/// <summary>
/// Rehearsal (issue 15): every path of a definition timed on the real calendar, so an integrator sees a late design
/// before any citizen does. Reads nothing but the definition and writes nothing.
/// </summary>
public static class RehearseWorkflowEndpoint
{
    [WolverinePost("/api/workflows/simulate"), Authorize(Roles = WorkflowPublishingEndpoints.Authors)]
    [ProducesResponseType<WorkflowRehearsalResult>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationReport>(StatusCodes.Status400BadRequest), ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Simulate(HttpRequest request, [NotBody] WorkflowLibrary library, [NotBody] WorkingCalendar calendar,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (body, check) = RehearsalRequest.Read(await WorkflowBody.Read(request), library.Agencies);
        if (body is null) return Results.Problem(check.Result());

        WorkflowDefinition definition;
        if (body.DefinitionJson is { } draft)
        {
            // An unsaved draft is validated first, and answered exactly as POST /api/workflows/validate would.
            var loaded = WorkflowValidator.LoadAndValidate(draft, "request body", library.Agencies);
            if (!loaded.IsValid)
                return new ValidationReport(false, loaded.Problems).Answer();
            definition = loaded.Definition!;
        }
        else if (await WorkflowCatalogEndpoints.Resolve(body.DefinitionId!, body.Version!.Value, library, session, ct) is var (found, _, _))
            definition = found;
        else
            return Results.Problem(statusCode: 404, title: "Workflow not found",
                detail: $"No version {body.Version} of '{body.DefinitionId}' (file, draft or published).");

        if (WorkflowRehearsal.PinProblems(definition, body.Outcomes) is { Count: > 0 } pins)
        {
            var pinCheck = new RequestCheck();
            foreach (var (activityId, problem) in pins) pinCheck.Fail($"outcomes.{activityId}", problem);
            return Results.Problem(pinCheck.Result());
        }

        var start = body.Start ?? WorkingCalendar.ToVietnam(clock.GetUtcNow());
        try
        {
            return Results.Ok(WorkflowRehearsal.Run(definition, calendar, library.Agencies,
                new RehearsalOptions(start, body.Outcomes, body.ReceivingCentre, body.Commune)));
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or CalendarDataException)
        {
            // Only a start near the calendar's last countable year gets here: the paths run past it.
            return CommandResults.Invalid("start", $"is too far out: the rehearsal runs past the years the calendar can count ({e.Message.Split(" (Parameter")[0]})");
        }
    }
}
