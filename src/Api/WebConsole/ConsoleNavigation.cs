using System.Security.Claims;
using Dossiers.Api.Auth;

namespace Dossiers.Api.WebConsole;

/// <summary>One entry of the console's menu, shown to the roles that may open its page.</summary>
public sealed record ConsoleLink(string Title, string Href, params string[] Roles);

/// <summary>
/// The menu per role. A page's folder policy (<see cref="ConsolePolicies"/>) is what protects it; this list only spares
/// people links they could not follow. New pages add their entry here.
/// </summary>
public static class ConsoleNavigation
{
    public static readonly IReadOnlyList<ConsoleLink> Links =
    [
        new("Trang chủ", "/console"),
        new("Tiếp nhận hồ sơ", "/console/desk/receive", Roles.Desk),
        new("Trả kết quả", "/console/desk/pickup", Roles.Desk),
        new("Sổ theo dõi", "/console/desk/register", Roles.Desk),
        new("Hộp việc", "/console/inbox", Roles.Officer, Roles.Desk),
        new("Tra cứu hồ sơ", "/console/search", Roles.Desk, Roles.Officer, Roles.Auditor, Roles.Controller, Roles.Admin),
        new("Kiểm tra hồ sơ", "/console/audit", Roles.Auditor, Roles.Controller, Roles.Admin),
        new("Nhật ký truy cập", "/console/audit/access-log", Roles.Auditor, Roles.Controller, Roles.Admin),
        new("Quy trình", "/console/workflows", Roles.Integrator, Roles.Controller, Roles.Admin),
        new("Điều hành (IOC)", "/console/dashboard", Roles.Controller, Roles.Admin, Roles.Kiosk),
    ];

    public static IEnumerable<ConsoleLink> For(ClaimsPrincipal user) =>
        Links.Where(link => link.Roles.Length == 0 || link.Roles.Any(user.IsInRole));

    /// <summary>How a role is called on screen.</summary>
    public static string RoleName(string? role) => role switch
    {
        Roles.Desk => "Cán bộ một cửa",
        Roles.Officer => "Cán bộ chuyên môn",
        Roles.Auditor => "Kiểm tra, giám sát",
        Roles.Integrator => "Cấu hình quy trình",
        Roles.Controller => "Kiểm soát thủ tục",
        Roles.Admin => "Quản trị",
        Roles.Portal => "Cổng DVCQG",
        Roles.Kiosk => "Màn hình điều hành",
        _ => role ?? "",
    };
}
