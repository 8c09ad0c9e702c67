using System.Text;
using System.Text.Json;
using Dossiers.Api.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Workflows;

/// <summary>
/// An integrator's draft: checked (POST /api/workflows/validate), submitted for review (POST /api/workflows) or, when
/// the control office returned it, revised (PUT /api/workflows/{id}/{version}). The validator's messages come back as
/// the API's problem details, each keyed by where it is (<c>definition</c> or <c>activities.&lt;id&gt;</c>).
/// </summary>
[Authorize(Policy = ConsolePolicies.Integrators)]
public sealed class UploadModel(ConsoleApi api) : PageModel
{
    public const int MaxBytes = 1024 * 1024;

    [BindProperty] public string? Definition { get; set; }
    [BindProperty(SupportsGet = true)] public string? Revise { get; set; }
    [BindProperty(SupportsGet = true)] public int? Version { get; set; }
    [BindProperty] public string? Note { get; set; }
    public ApiProblem? Problem { get; private set; }
    public bool Valid { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostValidate(IFormFile? file, CancellationToken ct)
    {
        if (await Body(file) is not { } body) return Page();
        var answer = await api.Send(HttpMethod.Post, "/api/workflows/validate", Json(body), ct);
        Valid = answer.Ok;
        if (!answer.Ok) Problem = answer.Problem();
        return Page();
    }

    public async Task<IActionResult> OnPostSubmit(IFormFile? file, CancellationToken ct)
    {
        if (await Body(file) is not { } body) return Page();
        var revising = !string.IsNullOrWhiteSpace(Revise) && Version is not null;
        var answer = revising
            ? await api.Send(HttpMethod.Put, $"/api/workflows/{Uri.EscapeDataString(Revise!)}/{Version}"
                + (string.IsNullOrWhiteSpace(Note) ? "" : $"?note={Uri.EscapeDataString(Note.Trim())}"), Json(body), ct)
            : await api.Send(HttpMethod.Post, "/api/workflows", Json(body), ct);
        if (!answer.Ok)
        {
            Problem = answer.Problem();
            return Page();
        }
        var summary = answer.Read<WorkflowSummary>();
        TempData["Flash"] = revising ? "Đã gửi lại bản đã sửa để duyệt." : "Đã gửi bản nháp để duyệt.";
        return Redirect($"/console/workflows/{Uri.EscapeDataString(summary.DefinitionId)}/{summary.Version}");
    }

    /// <summary>The definition from the chosen file, else from the text box; none (with a message) when both are empty.</summary>
    private async Task<string?> Body(IFormFile? file)
    {
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxBytes)
            {
                Problem = new ApiProblem(400, "Tệp quá lớn", $"Tệp định nghĩa tối đa {MaxBytes / 1024} KB.", null);
                return null;
            }
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            Definition = await reader.ReadToEndAsync();
        }
        if (string.IsNullOrWhiteSpace(Definition))
        {
            Problem = new ApiProblem(400, "Chưa có định nghĩa", "Chọn tệp JSON hoặc dán nội dung định nghĩa quy trình.", null);
            return null;
        }
        return Definition;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
