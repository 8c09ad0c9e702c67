using Dossiers.Api.Sla;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Projections.Sla;
using Marten;

namespace Dossiers.Api.Reports;

/// <summary>
/// What a column holds: text, a count, a percentage (one decimal; empty when nothing was scored), or an average score
/// on TT 01's 2/1/0 scale (two decimals; empty when nothing was scored).
/// </summary>
public enum CellKind { Text, Count, Percent, Score }

/// <summary>A column of a report section: its key in the JSON rows and its Vietnamese heading in CSV and XLSX.</summary>
public sealed record ReportColumn(string Key, string Heading, CellKind Kind = CellKind.Count);

/// <summary>
/// One section of a report: a title, the rule its figures follow (<see cref="Basis"/>, e.g. a <see cref="ScoringBasis"/>),
/// its columns and rows. JSON, CSV and XLSX are all written from this one shape, so a section never formats anything itself.
/// Each row maps column keys to a string, an int, a decimal or null.
/// </summary>
public sealed record ReportSection(string Key, string Title, string? Basis, IReadOnlyList<ReportColumn> Columns,
    IReadOnlyList<IReadOnlyDictionary<string, object?>> Rows);

/// <summary>The dossier report (docs/reports.md): its period, how it was split and filtered, when it was read, and its sections in order.</summary>
public sealed record DossierReport(DateOnly From, DateOnly To, string? Period, string? Agency, string? Procedure, string? Level,
    DateTimeOffset GeneratedAt, IReadOnlyList<ReportSection> Sections);

/// <summary>
/// The extension point of the reports: one implementation per section, listed in <see cref="ReportSections.All"/>.
/// A later section (late-cause explanations per agency, PAKN figures) is one new class here that builds its
/// <see cref="ReportSection"/> from <see cref="ReportContext"/> (the periods, the filters, the store, the registry)
/// and one line in that list; JSON, CSV and XLSX pick it up with no other change.
/// </summary>
public interface IReportSectionBuilder
{
    Task<ReportSection> Build(ReportContext context, CancellationToken ct);
}

/// <summary>A report period with the label its rows carry: 2025-11, 2025-Q4, 2025, or first..last.</summary>
public sealed record ReportPeriod(string Label, Period Period);

/// <summary>
/// What every section builder may use: the periods the report is split into (in order), the checked filters, the
/// store, the agency registries and the moment of reading. The scorecard of each period is computed once and shared
/// by the sections that need it.
/// </summary>
public sealed class ReportContext(ScorecardQuery query, IReadOnlyList<ReportPeriod> periods, IQuerySession session, AgencyRegistries registries, DateTimeOffset now)
{
    private readonly Dictionary<Period, Task<ScorecardReport>> _scorecards = [];

    public ScorecardQuery Query => query;
    public IReadOnlyList<ReportPeriod> Periods => periods;
    public IQuerySession Session => session;
    public AgencyRegistries Registries => registries;
    public DateTimeOffset Now => now;

    /// <summary>The scorecard of one of the report's periods (the same rules as GET /api/sla/scorecard).</summary>
    public Task<ScorecardReport> Scorecard(Period period, CancellationToken ct)
    {
        // Sections are built one after another on one session, so a plain dictionary is enough.
        if (!_scorecards.TryGetValue(period, out var scorecard))
            _scorecards[period] = scorecard = query.Run(period, session, registries, now, ct);
        return scorecard;
    }

    /// <summary>The instant a period is read at: its end, or the moment of reading while it runs (the scorecard's cut-off).</summary>
    public DateTimeOffset CutOff(Period period) => Projections.Sla.Scorecard.CutOff(period.End, now);

    /// <summary>Whether the report's agency and level filters keep this agency's rows.</summary>
    public bool Selects(string? agency) => query.Selects(agency, registries);

    /// <summary>The name of a period's total row: the province, or the selected units when a filter narrowed them.</summary>
    public string TotalName => query.Filter.SelectsAgencies ? "Các đơn vị đã chọn" : "Toàn tỉnh";

    /// <summary>The first four cells of an agency's row (period, code, name, level) or of the total row (<paramref name="agency"/> null).</summary>
    public Dictionary<string, object?> RowHead(string period, string? agency) => new()
    {
        ["period"] = period, ["agency"] = agency, ["agencyName"] = agency is null ? TotalName : NameOf(agency),
        ["level"] = agency is null ? null : LevelLabel(ScorecardQuery.LevelOf(registries, agency)),
    };

    /// <summary>
    /// A per-agency section's rows: for each period in order, a row per agency its figures name, then the period's total
    /// row, each starting with <see cref="RowHead"/> and filled by <paramref name="fill"/>.
    /// </summary>
    public async Task<List<IReadOnlyDictionary<string, object?>>> RowsPerAgency<TFigures>(
        Func<ReportPeriod, Task<(IEnumerable<(string? Agency, TFigures Figures)> Agencies, TFigures Total)>> figures,
        Func<Dictionary<string, object?>, TFigures, Dictionary<string, object?>> fill)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var period in periods)
        {
            var (agencies, total) = await figures(period);
            foreach (var (agency, f) in agencies) rows.Add(fill(RowHead(period.Label, agency), f));
            rows.Add(fill(RowHead(period.Label, null), total));
        }
        return rows;
    }

    /// <summary>A registry level as the reports print it.</summary>
    public static string? LevelLabel(string? level) => level switch { "province" => "Tỉnh", "commune" => "Xã", _ => level };

    /// <summary>The columns every per-agency section starts with.</summary>
    public static readonly IReadOnlyList<ReportColumn> HeadColumns =
    [
        new("period", "Kỳ báo cáo", CellKind.Text),
        new("agency", "Mã đơn vị", CellKind.Text),
        new("agencyName", "Đơn vị", CellKind.Text),
        new("level", "Cấp", CellKind.Text),
    ];

    /// <summary>An agency's name as people read it (the current registry, else an earlier one, else its code).</summary>
    public string NameOf(string agency) => ScorecardQuery.NameOf(registries, agency);
}
