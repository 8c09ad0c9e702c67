using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Paging;
using Dossiers.Api.Privacy;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Projections.Registers;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Registers;

public sealed record Receipt(Guid Id, string? Code, string ProcedureCode, string ProcedureName, string Applicant, string? Address, string? Phone,
    string? Email, IReadOnlyList<Engine.Dossiers.DossierDocument> Documents, Budget? LegalTime, DateTimeOffset? ReceivedAt,
    DateTimeOffset? AppointmentAt, string? ReceivingAgency, string? ReceivingAgencyName, string? ReceivedBy, int? RegisterNumber,
    string? ResultLink = null, string? EvaluationLink = null);

public sealed record ControlSlip(Guid Id, string? Code, string ProcedureName, string? ReceivingAgency, string Applicant, IReadOnlyList<SlipRow> Rows);

/// <param name="Id">The dossier: GET /api/dossiers/{id} opens it.</param>
public sealed record RegisterLine(Guid Id, int Number, string? Code, string ProcedureName, int Sets, string Applicant, string? Contact,
    string? LeadAgency, DateTimeOffset? ReceivedAt, DateTimeOffset? AppointmentAt, DateTimeOffset? TransferredAt,
    DateTimeOffset? ResultReadyAt, DateTimeOffset? ReturnedAt, string? Note);

/// <summary>A page of the register: rows keep their number across pages; <c>next</c> fetches the following page (docs/paging.md).</summary>
public sealed record Register(string Agency, string? AgencyName, DateOnly From, DateOnly To, IReadOnlyList<RegisterLine> Items, string? Next = null);

/// <summary>The forms of TT 01/2018: Mẫu 01 receipt, Mẫu 05 control slip, Mẫu 06 register — as JSON, or printable with ?format=html (Mẫu 02–04: <see cref="NoticeEndpoints"/>).</summary>
public static class FormEndpoints
{
    [WolverineGet("/api/dossiers/{id}/receipt"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<Receipt>(200), ProducesResponseType(404)]
    public static async Task<IResult> ReceiptOf(Guid id, string? format, IDocumentSession session, AgencyRegistry agencies, PersonalDataGuard guard,
        Files.ResultLinks links, Evaluations.EvaluationTokens evaluations, HttpContext http, CancellationToken ct)
    {
        if ((FormFormat.Refusal(format) ?? await Readable(id, session, guard, http, ct)) is { } refused) return refused;
        if (await session.Events.FetchLatest<DossierFile>(id, ct) is not { } f) return CommandResults.NotFound(id);
        // The digitised result's link (docs/files.md): the same on every reprint, computed, never stored.
        var resultLink = $"{http.Request.Scheme}://{http.Request.Host}{links.PathFor(id)}";
        // The citizen's evaluation code (docs/control.md): not for the agencies' officers, whose work it scores.
        var evaluationLink = CurrentActor.From(http.User).IsOfficer ? null : $"{http.Request.Scheme}://{http.Request.Host}{evaluations.PathFor(id)}";
        var receipt = new Receipt(f.Id, f.Code, f.ProcedureCode, f.ProcedureName, f.Applicant.Name, f.Applicant.Address, f.Applicant.Phone,
            f.Applicant.Email, f.Documents, f.LegalTime, f.ReceivedAt, f.AppointmentAt, f.ReceivingAgency,
            f.ReceivingAgency is { } a ? agencies.Find(a)?.Name : null, f.ReceivedBy, f.RegisterNumber, resultLink, evaluationLink);
        if (!FormFormat.IsHtml(format)) return Results.Ok(receipt);
        return new PrintablePage("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mẫu số 01")
            .Field("Cơ quan tiếp nhận", receipt.ReceivingAgencyName ?? receipt.ReceivingAgency).Field("Mã hồ sơ", receipt.Code)
            .Field("Tiếp nhận hồ sơ của", receipt.Applicant).Field("Địa chỉ", receipt.Address).Field("Số điện thoại", receipt.Phone)
            .Field("Nội dung yêu cầu giải quyết", $"{receipt.ProcedureName} ({receipt.ProcedureCode})")
            .Table(["STT", "Thành phần hồ sơ", "Loại"], receipt.Documents.Select((d, i) => (IReadOnlyList<object?>)[i + 1, d.Name, KindText(d.Kind)]))
            .Field("Số lượng hồ sơ", "01 bộ")
            .Field("Thời gian giải quyết hồ sơ theo quy định", receipt.LegalTime?.ToVietnamese())
            .Field("Thời gian nhận hồ sơ", receipt.ReceivedAt).Field("Thời gian trả kết quả giải quyết hồ sơ", receipt.AppointmentAt)
            .Field("Vào Sổ theo dõi hồ sơ, số thứ tự", receipt.RegisterNumber)
            .Field("Tra cứu kết quả điện tử", receipt.ResultLink)
            .Field("Đánh giá việc giải quyết hồ sơ (sau khi có kết quả)", receipt.EvaluationLink)
            .Signatures("NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ").Result();
    }

    [WolverineGet("/api/dossiers/{id}/control-slip"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<ControlSlip>(200), ProducesResponseType(404)]
    public static async Task<IResult> SlipOf(Guid id, string? format, IDocumentSession session, AgencyRegistry agencies, PersonalDataGuard guard,
        HttpContext http, CancellationToken ct)
    {
        if ((FormFormat.Refusal(format) ?? await Readable(id, session, guard, http, ct)) is { } refused) return refused;
        if (await session.Events.FetchLatest<DossierFile>(id, ct) is not { } f) return CommandResults.NotFound(id);
        var slip = new ControlSlip(f.Id, f.Code, f.ProcedureName, f.ReceivingAgency, f.Applicant.Name, f.Slip);
        if (!FormFormat.IsHtml(format)) return Results.Ok(slip);
        return new PrintablePage("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mẫu số 05")
            .Field("Cơ quan (bộ phận) giải quyết hồ sơ", f.ReceivingAgency is { } a ? agencies.Label(a) : null).Field("Mã hồ sơ", f.Code)
            .Field("Chủ hồ sơ", f.Applicant.Name).Field("Thủ tục", f.ProcedureName)
            .Table(["TÊN CƠ QUAN", "THỜI GIAN GIAO, NHẬN HỒ SƠ", "KẾT QUẢ GIẢI QUYẾT HỒ SƠ (Trước hạn/đúng hạn/quá hạn)", "GHI CHÚ"],
                f.Slip.Select(r => (IReadOnlyList<object?>)[
                    $"{r.Number}. Giao: {agencies.Label(r.FromAgency)} ({r.FromUser}) — Nhận: {agencies.Label(r.ToAgency)} ({r.ToUser ?? "chưa nhận"})",
                    $"Giao: {PrintablePage.Text(r.GivenAt)}; Nhận: {PrintablePage.Text(r.ReceivedAt)}",
                    Vietnamese(r.Result), r.Note]))
            .Result();
    }

    /// <summary>
    /// Mẫu 06: the receiving desk's register for dates <paramref name="from"/>..<paramref name="to"/> (yyyy-MM-dd,
    /// inclusive), in order of reception, in pages of <paramref name="limit"/> rows (the printable page too) whose
    /// numbers run on from the page before; <paramref name="procedure"/> keeps one procedure's dossiers.
    /// </summary>
    [WolverineGet("/api/registers/{agency}"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<Register>(200), ProducesResponseType(400)]
    public static async Task<IResult> RegisterOf(string agency, string? from, string? to, string? procedure, string? limit, string? next, string? format,
        IQuerySession session, AgencyRegistry agencies, PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        if (FormFormat.Refusal(format) is { } unsupported) return unsupported;
        if (!agencies.Contains(agency)) return CommandResults.Invalid("agency", "is not in the agency registry.");
        if (!Period.TryParse(from, to, 366, out var period, out var problem)) return problem!;
        var check = new RequestCheck();
        var filter = BoardFilter.Read(check, agencies, agency, procedure, null, null, null);
        var page = PageRequest.Read(check, limit, next, guidIds: true, ["register", .. filter.Fingerprint, period.First, period.Last]);
        if (!check.IsValid) return Results.Problem(check.Result());
        if (await guard.Register(http, agency, $"{period.First:yyyy-MM-dd}..{period.Last:yyyy-MM-dd}", ct) is { } refused) return refused;
        var (first, last) = (period.First, period.Last);
        var (start, end) = (period.StartOrder, period.EndOrder);
        // The register is printed from the asynchronous files: everything committed before this request is on it.
        await session.DocumentStore.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(5));
        var received = session.Query<DossierFile>().Where(f => f.ReceivingAgency == agency && f.ReceivedOrder >= start && f.ReceivedOrder < end);
        if (filter.Procedure is { } code) received = received.Where(f => f.ProcedureCode == code);
        var before = await received.CountThrough(f => f.ReceivedOrder, page.Cursor, ct);
        var (files, nextPage) = page.Cut(await received.ReadPage(f => f.ReceivedOrder, page, ct), f => f.ReceivedOrder, f => f.Id.ToString("N"));
        var register = new Register(agency, agencies.Find(agency)?.Name, first, last, [.. files.Select((f, i) => new RegisterLine(f.Id, before + i + 1, f.Code,
            f.ProcedureName, 1, f.Applicant.Name, string.Join(", ", new[] { f.Applicant.Address, f.Applicant.Phone }.Where(x => !string.IsNullOrWhiteSpace(x))),
            f.Slip.FirstOrDefault()?.ToAgency, f.ReceivedAt, f.AppointmentAt, f.TransferredAt, f.ResultReadyAt, f.ReturnedAt,
            string.Join(" | ", f.Notes)))], nextPage);
        if (!FormFormat.IsHtml(format)) return Results.Ok(register);
        var printable = new PrintablePage("SỔ THEO DÕI HỒ SƠ", "Mẫu số 06")
            .Field("Bộ phận tiếp nhận", register.AgencyName ?? agency).Field("Từ ngày", $"{first:dd/MM/yyyy}").Field("Đến ngày", $"{last:dd/MM/yyyy}")
            .Table(["STT", "Mã hồ sơ", "Tên TTHC", "Số lượng hồ sơ (bộ)", "Tên cá nhân, tổ chức", "Địa chỉ, số điện thoại", "Cơ quan chủ trì giải quyết",
                    "Nhận hồ sơ", "Hẹn trả kết quả", "Chuyển hồ sơ đến cơ quan giải quyết", "Nhận kết quả từ cơ quan giải quyết", "Trả kết quả", "Ký nhận", "Ghi chú"],
                register.Items.Select(l => (IReadOnlyList<object?>)[l.Number, l.Code, l.ProcedureName, l.Sets, l.Applicant, l.Contact,
                    l.LeadAgency is { } a ? agencies.Label(a) : null, Day(l.ReceivedAt), Day(l.AppointmentAt), Day(l.TransferredAt),
                    Day(l.ResultReadyAt), Day(l.ReturnedAt), "", l.Note]));
        // A printed page says where the register goes on, so no row is missed when printing page after page.
        if (register.Next is { } following)
            printable.Field("Trang sau", $"{http.Request.Path}?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}"
                + (procedure is null ? "" : $"&procedure={Uri.EscapeDataString(procedure)}") + $"&limit={page.Limit}&format=html&next={following}");
        return printable.Result();
    }

    /// <summary>A form shows the applicant: only the units working on the dossier (and auditors) read it, on the record.</summary>
    private static async Task<IResult?> Readable(Guid id, IQuerySession session, PersonalDataGuard guard, HttpContext http, CancellationToken ct) =>
        await session.LoadAsync<Engine.Dossiers.Dossier>(id, ct) is { } dossier ? await guard.Dossier(http, dossier, ct) : CommandResults.NotFound(id);

    private static string KindText(Engine.Dossiers.DocumentKind kind) => kind switch
    {
        Engine.Dossiers.DocumentKind.Original => "Bản chính",
        Engine.Dossiers.DocumentKind.Copy => "Bản sao",
        _ => "Bản điện tử",
    };

    private static string? Day(DateTimeOffset? at) => at?.ToString("dd/MM/yyyy HH:mm");

    private static string? Vietnamese(Timeliness? result) => result switch
    {
        Timeliness.Early => "Trước hạn",
        Timeliness.OnTime => "Đúng hạn",
        Timeliness.Late => "Quá hạn",
        _ => null,
    };
}
