using Dossiers.Projections.Sla;

namespace Dossiers.Api.Reports;

/// <summary>The sections of GET /api/reports/dossiers, in the order they appear. Add a section here (see <see cref="IReportSectionBuilder"/>).</summary>
public static class ReportSections
{
    public static readonly IReadOnlyList<IReportSectionBuilder> All =
    [
        new DossiersByReceivingCentre(),
        new DossiersByHandlingAgency(),
        new ExplanationsByAgency(),
        new FeedbackByAgency(),
        new CitizenEvaluationsByAgency(),
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
        .. ReportContext.HeadColumns,
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
        var rows = await context.RowsPerAgency(async period =>
        {
            var scorecard = await context.Scorecard(period.Period, ct);
            // The total counts each dossier once, whatever the rule of the rows above it.
            return (scorecard.Agencies.Where(a => Of(a).Dossiers > 0).Select(a => ((string?)a.Agency, Of(a))), scorecard.Province);
        }, Row);
        return new ReportSection(Key, Title, Basis, Columns, rows);
    }

    private static Dictionary<string, object?> Row(Dictionary<string, object?> row, DossierScores s)
    {
        row["dossiers"] = s.Dossiers; row["carriedOver"] = s.CarriedOver; row["received"] = s.Received;
        row["early"] = s.Early; row["onTime"] = s.FinishedOnTime; row["late"] = s.FinishedLate;
        row["inProgress"] = s.InProgress; row["overdue"] = s.Overdue; row["withdrawn"] = s.Withdrawn; row["stopped"] = s.Stopped;
        row["onTimeRate"] = s.OnTimeRate;
        return row;
    }
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
