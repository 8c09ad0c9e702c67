using Dossiers.Api.Catalogue;
using Dossiers.Api.Dossiers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Desk;

/// <summary>One document row of the receiving form: what the applicant brought, and its scan if there is one.</summary>
public sealed class DocumentRow
{
    public string? Name { get; set; }
    public string Kind { get; set; } = "original";
    public bool Digitized { get; set; }
    public IFormFile? File { get; set; }
}

/// <summary>
/// The desk receives a dossier: the procedure from the public catalogue, the applicant, the documents with their
/// scans. It submits through POST /api/dossiers, then uploads each scan through POST /api/dossiers/{id}/files, and
/// opens the new dossier, where the desk accepts or refuses it.
/// </summary>
public sealed class ReceiveModel(ConsoleApi api) : PageModel
{
    public IReadOnlyList<PublicProcedure> Procedures { get; private set; } = [];
    [BindProperty(SupportsGet = true)] public string? ProcedureCode { get; set; }
    [BindProperty] public ApplicantRequest Applicant { get; set; } = new(null, null, null, null, null);
    [BindProperty] public List<DocumentRow> Documents { get; set; } = [];
    public ApiProblem? Problem { get; private set; }

    public PublicProcedure? Procedure => Procedures.FirstOrDefault(p => p.Code == ProcedureCode);

    public async Task OnGet(CancellationToken ct)
    {
        await LoadCatalogue(ct);
        ProcedureCode ??= Procedures.FirstOrDefault()?.Code;
        // The documents the procedure asks for, ready to tick off; the desk may add or remove rows.
        Documents = [.. (Procedure?.Documents ?? []).Select(d => new DocumentRow { Name = d.Name, Digitized = true })];
        if (Documents.Count == 0) Documents.Add(new DocumentRow());
    }

    public async Task<IActionResult> OnPost(CancellationToken ct)
    {
        var rows = Documents.Where(d => !string.IsNullOrWhiteSpace(d.Name) || d.File is not null).ToList();
        var answer = await api.Post("/api/dossiers", new
        {
            procedureCode = ProcedureCode,
            channel = "desk",
            applicant = Applicant,
            documents = rows.Select(d => new { name = d.Name, kind = d.Kind, digitized = d.Digitized || d.File is not null }),
        }, ct);
        if (!answer.Ok)
        {
            Problem = answer.Problem();
            Documents = rows.Count > 0 ? rows : [new DocumentRow()];
            await LoadCatalogue(ct);
            return Page();
        }
        var dossier = answer.Read<DossierView>();
        var refused = new List<string>();
        foreach (var row in rows.Where(r => r.File is { Length: > 0 }))
        {
            await using var stream = row.File!.OpenReadStream();
            using var form = new MultipartFormDataContent
            {
                { new StreamContent(stream), "file", row.File.FileName },
                { new StringContent(row.Name ?? ""), "document" },
                { new StringContent("document"), "kind" },
            };
            var upload = await api.Send(HttpMethod.Post, $"/api/dossiers/{dossier.Id}/files", form, ct);
            if (!upload.Ok) refused.Add($"{row.File.FileName}: {upload.Problem().Detail ?? upload.Problem().Title}");
        }
        TempData["Flash"] = refused.Count == 0
            ? "Đã lập hồ sơ. Kiểm tra rồi bấm \"Tiếp nhận\" hoặc \"Từ chối tiếp nhận\"."
            : "Đã lập hồ sơ, nhưng tệp sau không được nhận: " + string.Join("; ", refused);
        return Redirect($"/console/dossiers/{dossier.Id}");
    }

    private async Task LoadCatalogue(CancellationToken ct)
    {
        var catalogue = await api.Get("/api/public/procedures", ct);
        if (catalogue.Ok) Procedures = [.. catalogue.Read<PublicCatalogue>().Items.OrderBy(p => p.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))];
    }

    /// <summary>The API's messages for a field, by its JSON path (applicant.name, documents[0].name …).</summary>
    public IReadOnlyList<string> ErrorsFor(string field) => Problem?.For(field) ?? [];
}
