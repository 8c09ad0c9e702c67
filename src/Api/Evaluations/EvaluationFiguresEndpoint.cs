using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Projections.Evaluations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Evaluations;

/// <summary>The control and audit offices' figures of the citizen evaluations (<see cref="EvaluationFigures"/>).</summary>
public static class EvaluationFiguresEndpoint
{
    private const string ControlOffices = $"{Roles.Controller},{Roles.Auditor},{Roles.Admin}";

    /// <summary>
    /// Evaluations made on dates <paramref name="from"/>..<paramref name="to"/> (inclusive, yyyy-MM-dd, Vietnam time): counts per
    /// score and the satisfaction rate, for the province and per agency credited; <paramref name="agency"/> narrows both to it.
    /// </summary>
    [WolverineGet("/api/evaluations/figures"), Authorize(Roles = ControlOffices)]
    [ProducesResponseType<EvaluationFiguresReport>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(string? from, string? to, string? agency, IQuerySession session, CancellationToken ct)
    {
        if (!Period.TryParse(from, to, 3660, out var period, out var problem)) return problem!;
        var evaluations = await session.Query<ServiceEvaluation>()
            .Where(e => e.EvaluatedAt >= period.Start && e.EvaluatedAt < period.End)
            .ToListAsync(ct);
        return Results.Ok(EvaluationFigures.Compute(evaluations, period.Start, period.End, string.IsNullOrWhiteSpace(agency) ? null : agency));
    }
}
