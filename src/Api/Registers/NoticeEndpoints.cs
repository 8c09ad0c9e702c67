using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Privacy;
using Dossiers.Engine;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Registers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Registers;

/// <summary>What every notice to the applicant names: the dossier, the request and the unit that writes.</summary>
public sealed record NoticeHeading(Guid DossierId, string? Code, string ProcedureCode, string ProcedureName, string Applicant, string? Address,
    string? Agency, string? AgencyName);

/// <summary>Mẫu 02: everything missing, asked for in one request.</summary>
public sealed record SupplementNotice(int Number, NoticeHeading Dossier, IReadOnlyList<string> Items, string Reason, bool AtIntake,
    Actor RequestedBy, DateTimeOffset RequestedAt);

/// <summary>Mẫu 03: the desk does not take the dossier, and says why.</summary>
public sealed record RefusalNotice(NoticeHeading Dossier, string Reason, Actor RefusedBy, DateTimeOffset RefusedAt);

/// <summary>Mẫu 04: the apology for a late result and the new appointment.</summary>
public sealed record ApologyNotice(int Number, NoticeHeading Dossier, string Reason, DateTimeOffset PreviousDueAt, DateTimeOffset NewDueAt,
    Actor IssuedBy, DateTimeOffset IssuedAt);

public sealed record NoticeList<T>(IReadOnlyList<T> Items);

/// <summary>
/// The notices of TT 01/2018 that the applicant receives during processing, printed from the events that recorded
/// them: Mẫu 02 (supplement request), 03 (refusal), 04 (apology). JSON lists every notice of a dossier; one notice is
/// chosen with <c>?number=</c> (default: the latest), and <c>?format=html</c> prints it. Read under the same rule as the
/// dossier's personal data, and logged.
/// </summary>
public static class NoticeEndpoints
{
    [WolverineGet("/api/dossiers/{id}/supplement-requests"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<NoticeList<SupplementNotice>>(200), ProducesResponseType(404), ProducesResponseType(406)]
    public static async Task<IResult> SupplementRequests(Guid id, string? number, string? format, IDocumentSession session, AgencyRegistry agencies,
        PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        var (read, refusal) = await Read(id, number, format, session, agencies, guard, http, ct);
        if (read is null) return refusal!;
        var notices = read.Events.OfType<SupplementRequested>().Select((e, i) => new SupplementNotice(i + 1, read.Heading(e.RequestedBy.Agency),
            e.Items, e.Reason, e.AtIntake, e.RequestedBy, e.RequestedAt)).ToList();
        return read.Answer(notices, n => n.Number, n => new PrintablePage("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mẫu số 02")
            .Heading(n.Dossier, n.Number, n.RequestedAt)
            .Field("Yêu cầu", n.AtIntake ? "Bổ sung, hoàn thiện hồ sơ trước khi tiếp nhận" : "Bổ sung, hoàn thiện hồ sơ trong quá trình giải quyết")
            .Table(["STT", "Nội dung yêu cầu bổ sung, hoàn thiện"], n.Items.Select((item, i) => (IReadOnlyList<object?>)[i + 1, item]))
            .Field("Lý do", n.Reason)
            .Field("Người hướng dẫn", n.RequestedBy.User)
            .Signatures("NGƯỜI HƯỚNG DẪN").Result());
    }

    [WolverineGet("/api/dossiers/{id}/refusal"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<RefusalNotice>(200), ProducesResponseType(404), ProducesResponseType(406)]
    public static async Task<IResult> Refusal(Guid id, string? format, IDocumentSession session, AgencyRegistry agencies,
        PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        var (read, refusal) = await Read(id, null, format, session, agencies, guard, http, ct);
        if (read is null) return refusal!;
        var notices = read.Events.OfType<DossierRefused>().Select(e => new RefusalNotice(read.Heading(e.RefusedBy.Agency), e.Reason, e.RefusedBy, e.RefusedAt)).ToList();
        if (notices.Count == 0) return Results.Problem(statusCode: 404, title: "No refusal", detail: $"Dossier {id} was not refused at the desk.");
        var notice = notices[^1];
        return read.Html
            ? new PrintablePage("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Mẫu số 03")
                .Heading(notice.Dossier, null, notice.RefusedAt)
                .Field("Qua xem xét, cơ quan tiếp nhận thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau", notice.Reason)
                .Signatures("NGƯỜI TIẾP NHẬN HỒ SƠ").Result()
            : Results.Ok(notice);
    }

    [WolverineGet("/api/dossiers/{id}/apologies"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<NoticeList<ApologyNotice>>(200), ProducesResponseType(404), ProducesResponseType(406)]
    public static async Task<IResult> Apologies(Guid id, string? number, string? format, IDocumentSession session, AgencyRegistry agencies,
        PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        var (read, refusal) = await Read(id, number, format, session, agencies, guard, http, ct);
        if (read is null) return refusal!;
        var notices = read.Events.OfType<ApologyIssued>().Select((e, i) => new ApologyNotice(i + 1, read.Heading(e.IssuedBy.Agency),
            e.Reason, e.PreviousDueAt, e.NewDueAt, e.IssuedBy, e.IssuedAt)).ToList();
        return read.Answer(notices, n => n.Number, n => new PrintablePage("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Mẫu số 04")
            .Heading(n.Dossier, n.Number, n.IssuedAt)
            .Field("Ngày hẹn trả kết quả", n.PreviousDueAt)
            .Field("Lý do quá hạn", n.Reason)
            .Field("Cơ quan xin lỗi ông/bà và hẹn lại ngày trả kết quả", n.NewDueAt)
            .Signatures("THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ").Result());
    }

    /// <summary>The dossier's file and events when the caller may read them and the query is sound; otherwise the answer why not.</summary>
    private static async Task<(Reading? Reading, IResult? Refusal)> Read(Guid id, string? number, string? format, IDocumentSession session,
        AgencyRegistry agencies, PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        if (FormFormat.Refusal(format) is { } unsupported) return (null, unsupported);
        int? wanted = null;
        if (number is not null)
        {
            if (!int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
                return (null, CommandResults.Invalid("number", "must be the notice's number, 1 or more."));
            wanted = n;
        }
        if (await session.LoadAsync<Dossier>(id, ct) is not { } dossier) return (null, CommandResults.NotFound(id));
        if (await guard.Dossier(http, dossier, ct) is { } refused) return (null, refused);
        if (await session.Events.FetchLatest<DossierFile>(id, ct) is not { } file) return (null, CommandResults.NotFound(id));
        var events = (await session.Events.FetchStreamAsync(id, token: ct)).Select(e => e.Data).ToList();
        return (new Reading(file, events, agencies, wanted, FormFormat.IsHtml(format)), null);
    }

    private sealed record Reading(DossierFile File, IReadOnlyList<object> Events, AgencyRegistry Agencies, int? Number, bool Html)
    {
        public NoticeHeading Heading(string? agency) => new(File.Id, File.Code, File.ProcedureCode, File.ProcedureName, File.Applicant.Name,
            File.Applicant.Address, agency, agency is { } a ? Agencies.Find(a)?.Name : null);

        public IResult Answer<T>(IReadOnlyList<T> notices, Func<T, int> numberOf, Func<T, IResult> print)
        {
            var chosen = Number is { } n ? notices.FirstOrDefault(x => numberOf(x) == n) : notices.LastOrDefault();
            if (Number is { } missing && chosen is null)
                return Results.Problem(statusCode: 404, title: "No such notice", detail: $"The dossier has {notices.Count} notice(s) of this kind, not number {missing}.");
            if (Html)
                return chosen is null ? Results.Problem(statusCode: 404, title: "No notice", detail: "The dossier has no notice of this kind to print.") : print(chosen);
            return Number is null ? Results.Ok(new NoticeList<T>(notices)) : Results.Ok(chosen);
        }
    }
}
