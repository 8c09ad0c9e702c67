using System.Globalization;
using System.Text.Json.Nodes;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Calendars;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Dossiers;

/// <summary>
/// One dossier: its facts, steps and hand-overs, files and printable forms, and a button or form for each action the
/// API's <c>allowedActions</c> offers this person (on the dossier and on each step). Each form posts here, the page
/// calls the API's command, and shows the API's problem details beside the fields when it refuses.
/// </summary>
public sealed class IndexModel(ConsoleApi api, WorkingCalendar calendar, TimeProvider clock) : PageModel
{
    public DossierView Dossier { get; private set; } = null!;
    public IReadOnlyList<global::Dossiers.Api.Files.AttachedFileView> Files { get; private set; } = [];
    /// <summary>Each step's possible outcomes (from the workflow version the dossier runs on), by activity id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Outcomes { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    public WorkingCalendar Calendar => calendar;

    /// <summary>The form whose submission the API refused, and why.</summary>
    public string? FailedForm { get; private set; }
    public ApiProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGet(Guid id, CancellationToken ct) => await Load(id, ct) ?? Page();

    public Task<IActionResult> OnPostAccept(Guid id, CancellationToken ct) =>
        Act(id, "accept", $"/api/dossiers/{id}/accept", null, "Đã tiếp nhận hồ sơ.", ct);

    public Task<IActionResult> OnPostRefuse(Guid id, string? reason, long version, CancellationToken ct) =>
        Act(id, "refuse", $"/api/dossiers/{id}/refuse", new { reason, expectedVersion = version }, "Đã từ chối tiếp nhận hồ sơ.", ct);

    public Task<IActionResult> OnPostAcknowledge(Guid id, string taskId, CancellationToken ct) =>
        Act(id, $"acknowledge-{taskId}", $"/api/dossiers/{id}/tasks/{Uri.EscapeDataString(taskId)}/acknowledge", null, "Đã nhận bàn giao.", ct);

    public Task<IActionResult> OnPostComplete(Guid id, string taskId, string? outcome, string? note, long version, CancellationToken ct) =>
        Act(id, $"complete-{taskId}", $"/api/dossiers/{id}/tasks/{Uri.EscapeDataString(taskId)}/complete",
            new { outcome, note = Blank(note), expectedVersion = version }, "Đã hoàn thành bước xử lý.", ct);

    public Task<IActionResult> OnPostSupplementRequest(Guid id, string? items, string? reason, long version, CancellationToken ct) =>
        Act(id, "supplement-request", $"/api/dossiers/{id}/supplement-requests",
            new { items = Lines(items), reason, expectedVersion = version }, "Đã gửi yêu cầu bổ sung hồ sơ (Mẫu 02).", ct);

    public Task<IActionResult> OnPostSupplement(Guid id, string? note, long version, CancellationToken ct) =>
        Act(id, "supplement", $"/api/dossiers/{id}/supplements", new { note = Blank(note), expectedVersion = version }, "Đã nhận hồ sơ bổ sung.", ct);

    public Task<IActionResult> OnPostPaymentRequest(Guid id, string? amount, string? reason, long version, CancellationToken ct) =>
        Act(id, "payment-request", $"/api/dossiers/{id}/payment-requests",
            new { amount = decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null, reason, expectedVersion = version },
            "Đã gửi yêu cầu thực hiện nghĩa vụ tài chính.", ct);

    public Task<IActionResult> OnPostPayment(Guid id, string? note, long version, CancellationToken ct) =>
        Act(id, "payment", $"/api/dossiers/{id}/payments", new { note = Blank(note), expectedVersion = version }, "Đã ghi nhận nộp phí, thuế.", ct);

    public Task<IActionResult> OnPostApology(Guid id, string? reason, string? newDueAt, long version, CancellationToken ct) =>
        Act(id, "apology", $"/api/dossiers/{id}/apologies",
            new { reason, newDueAt = VietnamTime(newDueAt), expectedVersion = version }, "Đã lập văn bản xin lỗi và hẹn lại (Mẫu 04).", ct);

    public Task<IActionResult> OnPostReturn(Guid id, string? note, long version, CancellationToken ct) =>
        Act(id, "return", $"/api/dossiers/{id}/return", new { note = Blank(note), expectedVersion = version }, "Đã trả kết quả cho người nộp.", ct);

    public Task<IActionResult> OnPostWithdrawal(Guid id, string? reason, long version, CancellationToken ct) =>
        Act(id, "withdrawal", $"/api/dossiers/{id}/withdrawal", new { reason, expectedVersion = version }, "Đã ghi nhận rút hồ sơ.", ct);

    public Task<IActionResult> OnPostStop(Guid id, string? reason, long version, CancellationToken ct) =>
        Act(id, "stop", $"/api/dossiers/{id}/stop", new { reason, expectedVersion = version }, "Đã dừng xử lý hồ sơ.", ct);

    /// <summary>One command through the API: on success back to the page (post, redirect, get); on refusal the page again with the problem.</summary>
    private async Task<IActionResult> Act(Guid id, string form, string url, object? body, string done, CancellationToken ct)
    {
        var answer = await api.Post(url, body, ct);
        if (answer.Ok)
        {
            TempData["Flash"] = done;
            return RedirectToPage(new { id });
        }
        FailedForm = form;
        Problem = answer.Problem();
        return await Load(id, ct) ?? Page();
    }

    /// <summary>Reads the dossier, its files and its steps' outcomes; a refusal of the read itself becomes that status.</summary>
    private async Task<IActionResult?> Load(Guid id, CancellationToken ct)
    {
        var answer = await api.Get($"/api/dossiers/{id}", ct);
        if (!answer.Ok) return StatusPage(answer);
        Dossier = answer.Read<DossierView>();
        var files = await api.Get($"/api/dossiers/{id}/files", ct);
        if (files.Ok) Files = files.Read<global::Dossiers.Api.Files.DossierFiles>().Files;
        var workflow = await api.Get($"/api/workflows/{Dossier.DefinitionId}/{Dossier.DefinitionVersion}", ct);
        if (workflow.Ok) Outcomes = StepOutcomes(workflow.Body);
        return null;
    }

    private IActionResult StatusPage(ApiAnswer answer) => (int)answer.Status switch
    {
        401 => Challenge(ConsoleSetup.Scheme),
        403 => RedirectToPage("/Forbidden"),
        404 => NotFound(),
        _ => StatusCode((int)answer.Status),
    };

    private static Dictionary<string, IReadOnlyList<string>> StepOutcomes(string body)
    {
        var outcomes = new Dictionary<string, IReadOnlyList<string>>();
        if (JsonNode.Parse(body)?["definition"]?["root"]?["activities"] is not JsonArray activities) return outcomes;
        foreach (var activity in activities.OfType<JsonObject>())
            if (activity["id"]?.GetValue<string>() is { } activityId)
                outcomes[activityId] = activity["outcomes"] is JsonArray list ? [.. list.Select(o => o!.GetValue<string>())] : [];
        return outcomes;
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A datetime-local value is Vietnam's wall time; the API takes an instant with its offset.</summary>
    private static string? VietnamTime(string? local) =>
        DateTime.TryParse(local, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? new DateTimeOffset(value, WorkingCalendar.VietnamOffset).ToString("O") : null;

    /// <summary>What the person typed in a refused form, to show it again beside the API's messages.</summary>
    public string? Posted(string form, string field) => FailedForm == form ? Request.Form[field].ToString() : null;

    public IReadOnlyList<string> ErrorsFor(string form, string field) => FailedForm == form && Problem is { } p ? p.For(field) : [];
}
