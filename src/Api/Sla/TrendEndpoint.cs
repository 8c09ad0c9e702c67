using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Calendars;
using Dossiers.Projections.Sla;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Sla;

public sealed record ScorecardTrendReport(DateOnly From, DateOnly To, string? Agency, IReadOnlyList<TrendDay> Days);

public static class TrendEndpoint
{
    /// <summary>
    /// The scorecard day by day for from..to (yyyy-MM-dd, at most 92 days): received, resolved, late and the on-time
    /// rate of each day, each counted as <c>/api/sla/scorecard</c> counts a period of that one day.
    /// </summary>
    [WolverineGet("/api/sla/trend"), Authorize(Roles = Roles.FigureReaders)]
    [ProducesResponseType<ScorecardTrendReport>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(string? from, string? to, string? agency, IQuerySession session, CancellationToken ct)
    {
        if (!Period.TryParse(from, to, 92, out var period, out var problem)) return problem!;
        var (start, end) = (period.Start, period.End);
        var dossiers = await session.Query<DossierSla>()
            .Where(d => d.AcceptedAt != null && d.AcceptedAt < end && (d.EndedAt == null || d.EndedAt >= start))
            .ToListAsync(ct);
        var centre = string.IsNullOrWhiteSpace(agency) ? null : agency;
        return Results.Ok(new ScorecardTrendReport(period.First, period.Last, centre,
            ScorecardTrend.Daily(dossiers, period.First, period.Last, WorkingCalendar.VietnamOffset, centre)));
    }
}
