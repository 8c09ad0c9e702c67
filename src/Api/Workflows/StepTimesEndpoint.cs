using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Calendars;
using Dossiers.Projections.Sla;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Workflows;

public static class StepTimesEndpoint
{
    /// <summary>
    /// Where the province loses time on one workflow version: per step, the dossiers waiting there now and how long
    /// they have waited (median, p90), and the steps finished in from..to (yyyy-MM-dd, Vietnam days; default the last
    /// 30 days) with how long they took, from the SLA read model (asynchronous: a moment behind the events).
    /// </summary>
    [WolverineGet("/api/workflows/{definitionId}/{version}/step-times"), Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<StepTimesReport>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest), ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(string definitionId, int version, string? from, string? to, WorkflowLibrary library,
        IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var today = DateOnly.FromDateTime(now.DateTime);
        if (!Period.TryParse(from ?? today.AddDays(-29).ToString("yyyy-MM-dd"), to ?? today.ToString("yyyy-MM-dd"), 366, out var period, out var problem))
            return problem!;
        if (await WorkflowCatalogEndpoints.Resolve(definitionId, version, library, session, ct) is null)
            return WorkflowCatalogEndpoints.VersionNotFound(definitionId, version, "version");
        var start = period.StartOrder;
        var dossiers = await session.Query<DossierSla>()
            .Where(d => d.DefinitionId == definitionId && d.DefinitionVersion == version && (d.EndedOrder == null || d.EndedOrder >= start))
            .ToListAsync(ct);
        return Results.Ok(StepTimes.Compute(definitionId, version, dossiers, now, period.Start, period.End));
    }
}
