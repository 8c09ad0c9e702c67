using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Projections.Sla;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Sla;

public sealed record ScorecardTrendReport(DateOnly From, DateOnly To, ScorecardFilter Filter, IReadOnlyList<TrendDay> Days);

public static class TrendEndpoint
{
    public const int MaxDays = 92;

    /// <summary>
    /// The scorecard day by day for from..to (yyyy-MM-dd, at most 92 days), with the scorecard's filters (agency,
    /// procedure, level): received, resolved, late and the on-time rate of each day, each as <c>/api/sla/scorecard</c>
    /// counts a period of that one day.
    /// </summary>
    [WolverineGet("/api/sla/trend"), Authorize(Roles = Roles.FigureReaders)]
    [ProducesResponseType<ScorecardTrendReport>(200), ProducesResponseType(400)]
    public static async Task<IResult> Get(string? from, string? to, string? agency, string? procedure, string? level, IQuerySession session,
        AgencyRegistries registries, TimeProvider clock, CancellationToken ct)
    {
        if (!ScorecardQuery.TryParse(from, to, null, null, null, agency, procedure, level, registries, out var query, out var problem)) return problem!;
        var period = query.Period;
        if (period.Last.DayNumber - period.First.DayNumber >= MaxDays)
            return CommandResults.Invalid("to", $"must be within {MaxDays} days of from.");
        var (start, end) = (period.StartOrder, period.EndOrder);
        var dossiers = await session.Query<DossierSla>()
            .Where(d => d.AcceptedOrder < end && (d.EndedOrder == null || d.EndedOrder >= start))
            .ToListAsync(ct);
        var days = ScorecardTrend.Daily(dossiers, period.First, period.Last, WorkingCalendar.VietnamOffset, WorkingCalendar.ToVietnam(clock.GetUtcNow()),
            query.Filter, a => ScorecardQuery.LevelOf(registries, a));
        return Results.Ok(new ScorecardTrendReport(period.First, period.Last, query.Filter, days));
    }
}
