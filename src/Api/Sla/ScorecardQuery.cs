using System.Text.RegularExpressions;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Projections.Sla;
using Marten;

namespace Dossiers.Api.Sla;

/// <summary>
/// The scorecard's period and filters as a request gives them, checked once, and the one way to compute it from the
/// store: the scorecard endpoint and the reports both go through here, so they read the same dossiers under the same rules.
/// </summary>
public sealed partial record ScorecardQuery(Period Period, ScorecardFilter Filter)
{
    /// <summary>Longest period one request may score.</summary>
    public const int MaxDays = 3660;

    /// <summary>The query, or a 400 naming the first bad parameter.</summary>
    public static bool TryParse(string? from, string? to, string? month, string? quarter, string? year, string? agency, string? procedure, string? level,
        AgencyRegistries registries, out ScorecardQuery query, out IResult? problem)
    {
        query = new ScorecardQuery(new Period(default, default), new ScorecardFilter());
        if (!Period.TryParse(from, to, month, quarter, year, MaxDays, out var period, out problem)) return false;
        agency = string.IsNullOrWhiteSpace(agency) ? null : agency;
        procedure = string.IsNullOrWhiteSpace(procedure) ? null : procedure;
        level = string.IsNullOrWhiteSpace(level) ? null : level;
        if (agency is not null && LevelOf(registries, agency) is null)
            problem = CommandResults.Invalid("agency", "must be the code of a unit in the agency registry (workflows/agencies.json).");
        else if (procedure is not null && !ProcedureCode().IsMatch(procedure))
            problem = CommandResults.Invalid("procedure", "must be a procedure code (letters, digits, dots, dashes; at most 50).");
        else if (level is not null && level is not (AgencyLevels.Province or AgencyLevels.Commune))
            problem = CommandResults.Invalid("level", $"must be {AgencyLevels.Province} or {AgencyLevels.Commune}.");
        else query = new ScorecardQuery(period, new ScorecardFilter(agency, procedure, level));
        return problem is null;
    }

    /// <summary>An agency's level in the current registry, or in the earlier one that knew it; null for an unknown code.</summary>
    public static string? LevelOf(AgencyRegistries registries, string agency) =>
        (registries.Current.Find(agency) ?? registries.Versions.Select(v => registries.For(v).Find(agency)).FirstOrDefault(a => a is not null))?.Level;

    /// <summary>An agency's name as people read it (the current registry, else an earlier one, else its code).</summary>
    public static string NameOf(AgencyRegistries registries, string agency) =>
        (registries.Current.Find(agency) ?? registries.Versions.Select(v => registries.For(v).Find(agency)).FirstOrDefault(a => a is not null))?.Name
        ?? agency;

    /// <summary>Whether this query's agency and level keep <paramref name="agency"/> (the scorecard's own rule).</summary>
    public bool Selects(string? agency, AgencyRegistries registries) => Filter.Selects(agency, a => LevelOf(registries, a));

    /// <summary>The scorecard of <paramref name="period"/> under this query's filters, read at its end or at <paramref name="now"/>.</summary>
    public async Task<ScorecardReport> Run(Period period, IQuerySession session, AgencyRegistries registries, DateTimeOffset now, CancellationToken ct)
    {
        var (start, end) = (period.Start, period.End);
        var (startOrder, endOrder) = (period.StartOrder, period.EndOrder);
        var dossiers = await session.Query<DossierSla>()
            .Where(d => d.AcceptedOrder < endOrder && (d.EndedOrder == null || d.EndedOrder >= startOrder))
            .ToListAsync(ct);
        var online = await session.Query<DossierSla>()
            .Where(d => d.AcceptanceDueAt != null && d.SubmittedAt >= start && d.SubmittedAt < end)
            .ToListAsync(ct);
        var report = Scorecard.Compute(dossiers, start, end, now, Filter, online, agency => LevelOf(registries, agency));
        // QĐ 766 indicator 1.4: the portal's acknowledgements are not events of the dossier, so they are read here from
        // the sender's sync state (docs/dvcqg.md), against the dossiers the desks received in the period. It is the one
        // figure that may still grow after the period: a dossier received on its last day is synced for that period.
        var received = dossiers.Where(d => d.AcceptedAt >= start && d.AcceptedAt < report.CutOff
                                           && (Filter.Procedure is null || d.ProcedureCode == Filter.Procedure)
                                           && (!Filter.SelectsAgencies || report.Agencies.Any(a => a.Agency == d.ReceivingAgency)))
            .Select(d => (d.Id, d.ReceivingAgency)).ToList();
        var ids = received.Select(r => r.Id).ToArray();
        var synced = (await session.Query<Dvcqg.DvcqgSyncState>().Where(s => s.LastStatusSent != null && ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct))
            .ToHashSet();
        var (province, byCentre) = Scorecard.PortalSync(received, synced);
        return report with { PortalSync = province, PortalSyncByCentre = byCentre };
    }

    public Task<ScorecardReport> Run(IQuerySession session, AgencyRegistries registries, DateTimeOffset now, CancellationToken ct) =>
        Run(Period, session, registries, now, ct);

    [GeneratedRegex(@"^[0-9A-Za-z.\-_]{1,50}$")]
    private static partial Regex ProcedureCode();
}
