using System.Globalization;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Api.WebConsole;

/// <summary>How the console words what the API answers: statuses, actions, times, due colours. Display only, no rules.</summary>
public static class ConsoleText
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>A due time this close (in working hours) is at risk: one working day.</summary>
    public const double AtRiskWorkingHours = 8;

    public static string Time(DateTimeOffset? at) =>
        at is { } value ? WorkingCalendar.ToVietnam(value).ToString("HH:mm dd/MM/yyyy", Vietnamese) : "—";

    public static string Status(DossierStatus status) => status switch
    {
        DossierStatus.Submitted => "Chờ tiếp nhận",
        DossierStatus.Received => "Đã tiếp nhận",
        DossierStatus.Refused => "Từ chối tiếp nhận",
        DossierStatus.InProcess => "Đang giải quyết",
        DossierStatus.AwaitingSupplement => "Chờ bổ sung",
        DossierStatus.AwaitingPayment => "Chờ thực hiện nghĩa vụ tài chính",
        DossierStatus.WithdrawalRequested => "Xin rút hồ sơ",
        DossierStatus.Stopped => "Dừng xử lý",
        DossierStatus.Resolved => "Đã có kết quả, chờ trả",
        DossierStatus.Returned => "Đã trả kết quả",
        _ => status.ToString(),
    };

    public static string Action(string action) => action switch
    {
        DossierActions.Accept => "Tiếp nhận",
        DossierActions.Refuse => "Từ chối tiếp nhận",
        DossierActions.Acknowledge => "Nhận bàn giao",
        DossierActions.Complete => "Hoàn thành bước",
        DossierActions.SupplementRequest => "Yêu cầu bổ sung",
        DossierActions.Supplement => "Nhận hồ sơ bổ sung",
        DossierActions.PaymentRequest => "Yêu cầu nộp phí, thuế",
        DossierActions.Payment => "Ghi nhận đã nộp",
        DossierActions.Apology => "Xin lỗi, hẹn lại",
        DossierActions.Withdrawal => "Rút hồ sơ",
        DossierActions.Stop => "Dừng xử lý",
        DossierActions.Return => "Trả kết quả",
        DossierActions.Migrate => "Chuyển phiên bản quy trình",
        _ => action,
    };

    /// <summary>Working hours from now to the due time (negative once past), as the calendar counts office time.</summary>
    public static double WorkingHoursLeft(WorkingCalendar calendar, DateTimeOffset now, DateTimeOffset dueAt) =>
        calendar.WorkingTimeBetween(now, dueAt).TotalHours;

    public static string HoursLeft(double hours) => hours < 0
        ? $"quá hạn {Hours(-hours)} giờ làm việc"
        : $"còn {Hours(hours)} giờ làm việc";

    private static string Hours(double hours) => Math.Round(hours, 1).ToString("0.#", Vietnamese);

    /// <summary>The due badge's class: late (red), at risk within a working day (amber), or fine (green).</summary>
    public static string DueClass(double hoursLeft, bool overdue = false) =>
        overdue || hoursLeft < 0 ? "due-late" : hoursLeft <= AtRiskWorkingHours ? "due-risk" : "due-ok";
}
