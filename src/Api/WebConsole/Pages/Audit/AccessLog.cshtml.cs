using Dossiers.Api.Privacy;
using Dossiers.Engine.Calendars;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Audit;

/// <summary>Who read personal data, when, what and by which route (GET /api/access-log); the last 7 days unless asked, a page at a time.</summary>
public sealed class AccessLogModel(ConsoleApi api, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? DossierId { get; set; }
    [BindProperty(SupportsGet = true)] public new string? User { get; set; }
    [BindProperty(SupportsGet = true)] public string? Next { get; set; }
    public AccessLog? Log { get; private set; }
    public ApiProblem? Problem { get; private set; }

    public async Task OnGet(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(WorkingCalendar.ToVietnam(clock.GetUtcNow()).DateTime);
        From ??= today.AddDays(-6).ToString("yyyy-MM-dd");
        To ??= today.ToString("yyyy-MM-dd");
        var query = $"/api/access-log?from={Uri.EscapeDataString(From)}&to={Uri.EscapeDataString(To)}"
            + (string.IsNullOrWhiteSpace(DossierId) ? "" : $"&dossierId={Uri.EscapeDataString(DossierId.Trim())}")
            + (string.IsNullOrWhiteSpace(User) ? "" : $"&user={Uri.EscapeDataString(User.Trim())}")
            + (string.IsNullOrWhiteSpace(Next) ? "" : $"&next={Uri.EscapeDataString(Next)}");
        var answer = await api.Get(query, ct);
        if (answer.Ok) Log = answer.Read<AccessLog>();
        else Problem = answer.Problem();
    }
}
