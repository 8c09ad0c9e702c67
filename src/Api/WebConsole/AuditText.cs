namespace Dossiers.Api.WebConsole;

/// <summary>How the auditor's pages word the stored events (Marten's event type names). Display only.</summary>
public static class AuditText
{
    public static string Event(string type) => type.Replace("_", "") switch
    {
        "dossiersubmitted" => "Nộp hồ sơ",
        "dossieraccepted" => "Tiếp nhận hồ sơ",
        "dossierrefused" => "Từ chối tiếp nhận",
        "withdrawalrequested" => "Xin rút hồ sơ",
        "processingstopped" => "Dừng xử lý",
        "resultready" => "Có kết quả",
        "resultreturned" => "Trả kết quả",
        "apologyissued" => "Xin lỗi, hẹn lại ngày trả",
        "ruleviolationrecorded" => "Ghi nhận vi phạm quy định",
        "workflowversionchanged" => "Chuyển phiên bản quy trình",
        "taskoverdue" => "Bước quá hạn",
        "dossieroverdue" => "Hồ sơ quá hạn",
        "duesoonwarned" => "Cảnh báo sắp đến hạn",
        "onlineintakeoverdue" => "Quá hạn tiếp nhận trực tuyến",
        "onlineintakelate" => "Tiếp nhận trực tuyến muộn",
        "taskactivated" => "Chuyển đến bước",
        "taskacknowledged" => "Nhận bàn giao",
        "taskcompleted" => "Hoàn thành bước",
        "taskreassigned" => "Chuyển đơn vị xử lý",
        "taskcancelled" => "Hủy bước",
        "decisiontaken" => "Rẽ nhánh theo điều kiện",
        "forkactivated" => "Tách nhánh song song",
        "joinarrived" => "Nhánh song song về điểm hợp",
        "joincompleted" => "Hợp nhánh song song",
        "supplementrequested" => "Yêu cầu bổ sung",
        "supplementreceived" => "Nhận hồ sơ bổ sung",
        "paymentrequested" => "Yêu cầu nộp phí, thuế",
        "paymentreceived" => "Đã nộp phí, thuế",
        "clockpaused" => "Tạm dừng tính thời gian",
        "clockresumed" => "Tiếp tục tính thời gian",
        "fileattached" => "Đính kèm tệp",
        _ => type,
    };

    /// <summary>Minutes as people read a duration: minutes, hours or days (24 h), one decimal.</summary>
    public static string Minutes(double? minutes) => minutes switch
    {
        null => "—",
        < 60 => $"{minutes:0} phút",
        < 60 * 24 => $"{minutes / 60:0.#} giờ",
        _ => $"{minutes / 60 / 24:0.#} ngày",
    };
}
