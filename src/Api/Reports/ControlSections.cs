using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Projections.Evaluations;
using Dossiers.Projections.Explanations;
using Dossiers.Projections.Feedback;
using Marten;

namespace Dossiers.Api.Reports;

/// <summary>
/// Late-cause explanations per agency asked (<see cref="ExplanationCount"/>): the requests made in each period, as
/// they stood at its cut-off; the total row counts every request of the selected agencies once.
/// </summary>
public sealed class ExplanationsByAgency : IReportSectionBuilder
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        .. ReportContext.HeadColumns,
        new("requested", "Số yêu cầu giải trình"),
        new("answeredOnTime", "Đã giải trình đúng hạn"),
        new("answeredLate", "Đã giải trình quá hạn"),
        new("overdueUnanswered", "Quá hạn chưa giải trình"),
        new("open", "Đang trong hạn giải trình"),
    ];

    public async Task<ReportSection> Build(ReportContext context, CancellationToken ct)
    {
        var rows = await context.RowsPerAgency(async period =>
        {
            var (start, end, asOf) = (period.Period.Start, period.Period.End, context.CutOff(period.Period));
            var requests = (await context.Session.Query<Explanation>().Where(x => x.RequestedAt >= start && x.RequestedAt < end).ToListAsync(ct))
                .Where(x => context.Selects(x.Agency)).ToList();
            return (ExplanationCount.PerAgency(requests, start, end, asOf).Select(f => (f.Agency, f)), ExplanationCount.Total(requests, start, end, asOf));
        }, Row);
        return new ReportSection("explanations-by-agency", "Giải trình hồ sơ quá hạn theo đơn vị", "asked-agency", Columns, rows);
    }

    private static Dictionary<string, object?> Row(Dictionary<string, object?> row, ExplanationFigures f)
    {
        row["requested"] = f.Requested;
        row["answeredOnTime"] = f.AnsweredOnTime;
        row["answeredLate"] = f.AnsweredLate;
        row["overdueUnanswered"] = f.OverdueUnanswered;
        row["open"] = f.Open;
        return row;
    }
}

/// <summary>
/// Citizen feedback (PAKN) per agency (<see cref="FeedbackIndicator"/>): received in each period, handled on time or
/// late, open and overdue at its cut-off, the on-time rate. Unfiltered, the total also counts feedback about a
/// procedure not yet given to any agency; narrowed by agency or level, only the selected agencies' feedback.
/// </summary>
public sealed class FeedbackByAgency : IReportSectionBuilder
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        .. ReportContext.HeadColumns,
        new("received", "Tiếp nhận phản ánh, kiến nghị"),
        new("handledOnTime", "Đã xử lý đúng hạn"),
        new("handledLate", "Đã xử lý quá hạn"),
        new("open", "Đang xử lý"),
        new("overdue", "Trong đó quá hạn"),
        new("onTimeRate", "Tỷ lệ xử lý đúng hạn (%)", CellKind.Percent),
    ];

    public async Task<ReportSection> Build(ReportContext context, CancellationToken ct)
    {
        var rows = await context.RowsPerAgency(async period =>
        {
            var (start, end) = (period.Period.Start, period.Period.End);
            var feedback = (await context.Session.Query<CitizenFeedback>().Where(f => f.ReceivedAt >= start && f.ReceivedAt < end).ToListAsync(ct))
                .Where(f => !context.Query.Filter.SelectsAgencies || context.Selects(FeedbackIndicator.AgencyOf(f))).ToList();
            var figures = FeedbackIndicator.Compute(feedback, start, end, context.CutOff(period.Period));
            return (figures.Agencies.Select(a => (a.Agency, a)), figures.Province);
        }, Row);
        return new ReportSection("feedback-by-agency", "Phản ánh, kiến nghị theo đơn vị", "assigned-agency", Columns, rows);
    }

    private static Dictionary<string, object?> Row(Dictionary<string, object?> row, FeedbackFigures f)
    {
        row["received"] = f.Received;
        row["handledOnTime"] = f.HandledOnTime;
        row["handledLate"] = f.HandledLate;
        row["open"] = f.Open;
        row["overdue"] = f.Overdue;
        row["onTimeRate"] = f.OnTimeRate;
        return row;
    }
}

/// <summary>
/// Citizen evaluations per agency credited (<see cref="EvaluationFigures"/>): the evaluations made in each period
/// (before its cut-off), the satisfaction rate and the average scores of TT 01 indicators 3, 4 and 7. An evaluation
/// counts for every agency it credits and once in the total.
/// </summary>
public sealed class CitizenEvaluationsByAgency : IReportSectionBuilder
{
    public static readonly IReadOnlyList<ReportColumn> Columns =
    [
        .. ReportContext.HeadColumns,
        new("evaluations", "Số lượt đánh giá"),
        new("verySatisfied", "Rất hài lòng"),
        new("satisfied", "Hài lòng"),
        new("notSatisfied", "Không hài lòng"),
        new("satisfactionRate", "Tỷ lệ hài lòng (%)", CellKind.Percent),
        new("contactsScore", "Điểm bình quân số lần liên hệ (tiêu chí 3)", CellKind.Score),
        new("agenciesScore", "Điểm bình quân số cơ quan phải liên hệ (tiêu chí 4)", CellKind.Score),
        new("attitudeScore", "Điểm bình quân thái độ công chức (tiêu chí 7)", CellKind.Score),
    ];

    public async Task<ReportSection> Build(ReportContext context, CancellationToken ct)
    {
        var rows = await context.RowsPerAgency(async period =>
        {
            var (start, end) = (period.Period.Start, period.Period.End);
            var evaluations = (await context.Session.Query<ServiceEvaluation>().Where(e => e.EvaluatedAt >= start && e.EvaluatedAt < end).ToListAsync(ct))
                .Where(e => !context.Query.Filter.SelectsAgencies || e.CreditedAgencies.Any(context.Selects)).ToList();
            var figures = EvaluationFigures.Compute(evaluations, start, context.CutOff(period.Period));
            return (figures.Agencies.Where(a => context.Selects(a.Agency)).Select(a => ((string?)a.Agency, a.Scores)), figures.Province);
        }, Row);
        return new ReportSection("citizen-evaluations-by-agency", "Đánh giá của người dân theo đơn vị", "credited-agency", Columns, rows);
    }

    private static Dictionary<string, object?> Row(Dictionary<string, object?> row, EvaluationScores s)
    {
        row["evaluations"] = s.Evaluations;
        row["verySatisfied"] = s.Satisfaction.VerySatisfied;
        row["satisfied"] = s.Satisfaction.Satisfied;
        row["notSatisfied"] = s.Satisfaction.NotSatisfied;
        row["satisfactionRate"] = s.Satisfaction.SatisfactionRate;
        row["contactsScore"] = s.ContactsToComplete.AverageScore;
        row["agenciesScore"] = s.AgenciesContacted.AverageScore;
        row["attitudeScore"] = s.Attitude.AverageScore;
        return row;
    }
}
