using Dossiers.Projections.Sla;

namespace Dossiers.Api.Reports;

/// <summary>The sections of GET /api/reports/dossiers, in the order they appear. Add a section here (see <see cref="IReportSectionBuilder"/>).</summary>
public static class ReportSections
{
    public static readonly IReadOnlyList<IReportSectionBuilder> All =
    [
        new DossiersByReceivingCentre(),
        new DossiersByHandlingAgency(),
    ];
}

/// <summary>
/// Dossier figures per agency and for the province, one row per agency and period, from the scorecard's
/// <see cref="DossierScores"/>: the headings are those of the centres' periodic reports. Subclasses choose the rule.
/// </summary>
public abstract class DossierFiguresSection : IReportSectionBuilder
{
    protected abstract string Key { get; }
    protected abstract string Title { get; }
    protected abstract string Basis { get; }
    /// <summary>The agency's figures under this section's rule.</summary>
    protected abstract DossierScores Of(AgencyScores agency);

    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        new("period", "Kỳ báo cáo", CellKind.Text),
        new("agency", "Mã đơn vị", CellKind.Text),
        new("agencyName", "Đơn vị", CellKind.Text),
        new("level", "Cấp", CellKind.Text),
        new("dossiers", "Tổng số hồ sơ"),
        new("carriedOver", "Kỳ trước chuyển sang"),
        new("received", "Tiếp nhận"),
        new("early", "Giải quyết trước hạn"),
        new("onTime", "Đúng hạn"),
        new("late", "Quá hạn"),
        new("inProgress", "Đang giải quyết"),
        new("overdue", "Đang giải quyết quá hạn"),
        new("withdrawn", "Rút hồ sơ"),
        new("stopped", "Dừng xử lý"),
        new("onTimeRate", "Tỷ lệ đúng hạn (%)", CellKind.Percent),
    ];

    public async Task<ReportSection> Build(ReportContext context, CancellationToken ct)
    {
        var rows = new List<IReadOnlyDictionary<string, object?>>();
        foreach (var period in context.Periods)
        {
            var scorecard = await context.Scorecard(period.Period, ct);
            foreach (var agency in scorecard.Agencies.Where(a => Of(a).Dossiers > 0))
                rows.Add(Row(period.Label, agency.Agency, context.NameOf(agency.Agency), Level(agency.Level), Of(agency)));
            // The total counts each dossier once, whatever the rule of the rows above it.
            rows.Add(Row(period.Label, null, context.Query.Filter.SelectsAgencies ? "Các đơn vị đã chọn" : "Toàn tỉnh", null, scorecard.Province));
        }
        return new ReportSection(Key, Title, Basis, Columns, rows);
    }

    private static string? Level(string? level) => level switch { "province" => "Tỉnh", "commune" => "Xã", _ => level };

    private static Dictionary<string, object?> Row(string period, string? agency, string name, string? level, DossierScores s) => new()
    {
        ["period"] = period, ["agency"] = agency, ["agencyName"] = name, ["level"] = level,
        ["dossiers"] = s.Dossiers, ["carriedOver"] = s.CarriedOver, ["received"] = s.Received,
        ["early"] = s.Early, ["onTime"] = s.FinishedOnTime, ["late"] = s.FinishedLate,
        ["inProgress"] = s.InProgress, ["overdue"] = s.Overdue, ["withdrawn"] = s.Withdrawn, ["stopped"] = s.Stopped,
        ["onTimeRate"] = s.OnTimeRate,
    };
}

/// <summary>Per receiving centre: the dossiers its desk received (received-at).</summary>
public sealed class DossiersByReceivingCentre : DossierFiguresSection
{
    protected override string Key => "dossiers-by-receiving-centre";
    protected override string Title => "Hồ sơ theo đơn vị tiếp nhận";
    protected override string Basis => ScoringBasis.ReceivedAt;
    protected override DossierScores Of(AgencyScores agency) => agency.Receiving;
}

/// <summary>Per agency that held a step: the dossiers it handled (handled-by), so ward police and offices show their share.</summary>
public sealed class DossiersByHandlingAgency : DossierFiguresSection
{
    protected override string Key => "dossiers-by-handling-agency";
    protected override string Title => "Hồ sơ theo đơn vị giải quyết";
    protected override string Basis => ScoringBasis.HandledBy;
    protected override DossierScores Of(AgencyScores agency) => agency.Handling;
}
