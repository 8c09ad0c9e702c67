using Dossiers.Engine.Workflows;

namespace Dossiers.Api.WebConsole;

/// <summary>How the workflow pages word the API's review states and steps. Display only.</summary>
public static class WorkflowText
{
    public static string Status(WorkflowStatus status) => status switch
    {
        WorkflowStatus.Draft => "Chờ duyệt",
        WorkflowStatus.ChangesRequested => "Trả lại để sửa",
        WorkflowStatus.Approved => "Đã duyệt",
        WorkflowStatus.Published => "Đang áp dụng",
        _ => status.ToString(),
    };

    public static string Review(string kind) => kind switch
    {
        "submitted" => "Gửi duyệt",
        "changes-requested" => "Yêu cầu sửa",
        "revised" => "Đã sửa, gửi lại",
        "approved" => "Phê duyệt",
        "published" => "Công bố áp dụng",
        _ => kind,
    };
}
