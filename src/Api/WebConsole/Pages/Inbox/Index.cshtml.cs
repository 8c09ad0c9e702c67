using Dossiers.Api.Boards;
using Dossiers.Engine.Calendars;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Inbox;

/// <summary>
/// The unit's inbox (GET /api/agencies/{agency}/inbox): hand-overs to acknowledge first, then open steps, most urgent
/// first, as the API orders them; each due time shown in working hours left, coloured when at risk or overdue.
/// </summary>
public sealed class IndexModel(ConsoleApi api, WorkingCalendar calendar, TimeProvider clock) : PageModel
{
    public global::Dossiers.Api.Boards.Inbox? Inbox { get; private set; }
    public ApiProblem? Problem { get; private set; }
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public double HoursLeft(InboxEntry entry) => ConsoleText.WorkingHoursLeft(calendar, Now, entry.DueAt);

    public async Task OnGet(CancellationToken ct)
    {
        var answer = await api.Get($"/api/agencies/{Uri.EscapeDataString(User.Agency() ?? "")}/inbox", ct);
        if (answer.Ok) Inbox = answer.Read<global::Dossiers.Api.Boards.Inbox>(); else Problem = answer.Problem();
    }
}
