using System.Globalization;
using Dossiers.Engine.Calendars;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Desk;

/// <summary>Mẫu 06, the centre's register for a period: the API's printable register, fetched with the person's token.</summary>
public sealed class RegisterModel(ConsoleApi api, TimeProvider clock) : PageModel
{
    public string Today { get; } = WorkingCalendar.ToVietnam(clock.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGet(string? from, string? to, CancellationToken ct)
    {
        if (from is null || to is null) return Page();
        var agency = Uri.EscapeDataString(User.Agency() ?? "");
        return Dossiers.PrintModel.Printed(await api.Get(
            $"/api/registers/{agency}?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}&format=html", ct));
    }
}
