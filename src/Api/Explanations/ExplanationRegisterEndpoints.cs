using System.Globalization;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Paging;
using Dossiers.Api.Registers;
using Dossiers.Api.Search;
using Dossiers.Api.Validation;
using Dossiers.Engine;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Explanations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Explanations;

/// <summary>
/// The register of explanation requests and answers for a period (requests made from..to), with each agency's
/// figures as they stood at <see cref="FiguresAsOf"/> (the period's end, or now while it runs).
/// </summary>
/// <param name="Next">The cursor of the next page of <see cref="Items"/>; the figures cover the whole period on every page.</param>
public sealed record ExplanationRegister(string? Agency, string? AgencyName, DateOnly From, DateOnly To, ExplanationStatus? Status,
    DateTimeOffset FiguresAsOf, ExplanationFigures Total, IReadOnlyList<ExplanationFigures> Figures, IReadOnlyList<ExplanationView> Items, string? Next);

/// <summary>What an agency may answer with, and the time it gets when a request names none.</summary>
public sealed record ExplanationCauses(Budget AnswerTime, IReadOnlyList<LateCause> Causes);

/// <summary>
/// Reading the control office's explanation requests: the register per agency and period (JSON, or the printable report
/// to the chairman), one request, a dossier's requests, and the configured causes. The audit and control offices read
/// every agency's; desk staff and officers their own unit's.
/// </summary>
public static class ExplanationRegisterEndpoints
{
    [WolverineGet("/api/explanations"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<ExplanationRegister>(200), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(406)]
    public static async Task<IResult> Register(string? agency, string? from, string? to, string? status, string? limit, string? next, string? format,
        IQuerySession session, AgencyRegistry agencies, ExplanationRules rules, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (FormFormat.Refusal(format) is { } unsupported) return unsupported;
        if (!Period.TryParse(from, to, 366, out var period, out var problem)) return problem!;
        ExplanationStatus? only = null;
        if (status is not null)
        {
            if (!Enum.TryParse<ExplanationStatus>(status, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsDigit(status[0]))
                return CommandResults.Invalid("status", "must be open, overdue or answered.");
            only = parsed;
        }
        var actor = CurrentActor.From(http.User);
        if (string.IsNullOrWhiteSpace(agency)) agency = actor.ReadsEverything ? null : actor.Agency;
        else if (!agencies.Contains(agency)) return CommandResults.Invalid("agency", "is not in the agency registry.");
        if (!actor.ReadsEverything && (agency is null || agency != actor.Agency)) return NotYours(actor, agency);
        var check = new RequestCheck();
        var page = PageRequest.Read(check, limit, next, guidIds: true, ["explanations", agency, period.First, period.Last, only],
            DossierSearchEndpoint.DefaultLimit, DossierSearchEndpoint.MaxLimit);
        if (!check.IsValid) return Results.Problem(check.Result());

        // The period's requests, all of them: the figures count every one. Requests are few (the control office asks
        // them one by one), so the page is cut from this list by its keyset rather than by a second query.
        var (start, end) = (period.Start, period.End);
        var query = session.Query<Explanation>().Where(x => x.RequestedAt >= start && x.RequestedAt < end);
        if (agency is not null) query = query.Where(x => x.Agency == agency);
        var requests = await query.ToListAsync(ct);
        var asOf = WorkingCalendar.ToVietnam(clock.GetUtcNow()) is var now && now < end ? now : end;
        var listed = requests.Where(x => only is null || x.Status == only).OrderBy(x => x.RequestedAt).ThenBy(x => x.Id).ToList();
        var html = FormFormat.IsHtml(format);
        var (shown, nextPage) = html ? ((IReadOnlyList<Explanation>)listed, (string?)null)
            : page.Cut([.. listed.Where(x => page.Cursor is not { } cursor || After(x, cursor)).Take(page.Limit + 1)], Key, x => x.Id.ToString("N"));
        var register = new ExplanationRegister(agency, agency is null ? null : agencies.Find(agency)?.Name, period.First, period.Last, only, asOf,
            ExplanationCount.Total(requests, start, end, asOf, agency), ExplanationCount.PerAgency(requests, start, end, asOf, agency),
            [.. shown.Select(x => ExplanationView.Of(x, agencies, rules))],
            nextPage);
        return html ? Printed(register, agencies) : Results.Ok(register);
    }

    [WolverineGet("/api/explanations/{id}"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<ExplanationView>(200), ProducesResponseType(403), ProducesResponseType(404), ProducesResponseType(406)]
    public static async Task<IResult> One(Guid id, string? format, IQuerySession session, AgencyRegistry agencies, ExplanationRules rules,
        HttpContext http, CancellationToken ct)
    {
        if (FormFormat.Refusal(format) is { } unsupported) return unsupported;
        if (await session.LoadAsync<Explanation>(id, ct) is not { } x)
            return Results.Problem(statusCode: 404, title: "Not found", detail: $"No explanation request {id}.");
        var actor = CurrentActor.From(http.User);
        if (!actor.ReadsEverything && actor.Agency != x.Agency) return NotYours(actor, x.Agency);
        var view = ExplanationView.Of(x, agencies, rules);
        if (!FormFormat.IsHtml(format)) return new CommandResults.VersionedResult<ExplanationView>(view, view.Version, 200, null);
        var page = new PrintablePage("BẢN GIẢI TRÌNH HỒ SƠ TRỄ HẠN", "Giải trình theo yêu cầu của Trung tâm (QĐ 1326/QĐ-UBND)")
            .Field("Cơ quan giải trình", agencies.Label(x.Agency)).Field("Mã hồ sơ", x.DossierCode).Field("Thủ tục", x.ProcedureCode)
            .Field("Nội dung", Subject(x)).Field("Hạn đã trễ", x.MissedDueAt)
            .Field("Ngày yêu cầu", x.RequestedAt).Field("Người yêu cầu", x.RequestedBy.User).Field("Ghi chú của Trung tâm", x.Note)
            .Field("Hạn giải trình", x.AnswerDueAt).Field("Tình trạng", Vietnamese(x));
        if (view.Answer is { } a)
            page.Field("Nguyên nhân", a.CauseLabel ?? a.Cause).Field("Diễn giải", a.CauseText).Field("Biện pháp khắc phục", a.Remedy)
                .Field("Ngày giải trình", a.AnsweredAt).Field("Người giải trình", a.AnsweredBy);
        return page.Signatures("THỦ TRƯỞNG CƠ QUAN GIẢI TRÌNH").Result();
    }

    /// <summary>The dossier's explanation requests, oldest first: its readers (the units working on it, audit and control) see them.</summary>
    [WolverineGet("/api/dossiers/{id}/explanations"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<IReadOnlyList<ExplanationView>>(200), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> OfDossier(Guid id, IQuerySession session, AgencyRegistry agencies, ExplanationRules rules, HttpContext http,
        CancellationToken ct)
    {
        if (await session.LoadAsync<Dossier>(id, ct) is not { } dossier) return CommandResults.NotFound(id);
        var actor = CurrentActor.From(http.User);
        // No personal data here (the dossier's id and code only), so nothing goes on the access log; who may see is the same.
        if (!DossierAccess.MayRead(dossier, actor))
            return Results.Problem(statusCode: 403, title: "Not your dossier", detail: DossierAccess.Refusal(dossier, actor));
        var requests = await session.Query<Explanation>().Where(x => x.DossierId == id).ToListAsync(ct);
        return Results.Ok(requests.OrderBy(x => x.RequestedAt).ThenBy(x => x.Id).Select(x => ExplanationView.Of(x, agencies, rules)).ToList());
    }

    [WolverineGet("/api/explanations/causes"), Authorize(Roles = Roles.DossierReaders)]
    public static ExplanationCauses Causes(ExplanationRules rules) => new(rules.AnswerTime, rules.Causes);

    private static long Key(Explanation x) => x.RequestedAt.UtcTicks;

    private static bool After(Explanation x, PageCursor cursor) =>
        Key(x) > cursor.Key || (Key(x) == cursor.Key && x.Id.CompareTo(cursor.AfterGuid!.Value) > 0);

    private static IResult NotYours(Actor actor, string? agency) => Results.Problem(statusCode: 403, title: "Not your unit's",
        detail: $"Explanation requests of {agency ?? "every unit"} are read by the audit and control offices; you act for {actor.Agency ?? "no unit"}.");

    /// <summary>The report to the chairman: the figures per agency, then every request of the period with its answer.</summary>
    private static IResult Printed(ExplanationRegister r, AgencyRegistry agencies) =>
        new PrintablePage("BÁO CÁO TÌNH HÌNH GIẢI TRÌNH HỒ SƠ TRỄ HẠN", "Báo cáo Chủ tịch UBND tỉnh (QĐ 1326/QĐ-UBND)")
            .Field("Cơ quan", r.Agency is { } a ? agencies.Label(a) : "Tất cả cơ quan").Field("Từ ngày", $"{r.From:dd/MM/yyyy}")
            .Field("Đến ngày", $"{r.To:dd/MM/yyyy}").Field("Số liệu tính đến", r.FiguresAsOf)
            .Table(["Cơ quan", "Số yêu cầu giải trình", "Giải trình đúng hạn", "Giải trình trễ hạn", "Quá hạn chưa giải trình", "Đang trong hạn"],
                [.. r.Figures.Select(f => (IReadOnlyList<object?>)[agencies.Label(f.Agency!), f.Requested, f.AnsweredOnTime, f.AnsweredLate, f.OverdueUnanswered, f.Open]),
                    ["Tổng cộng", r.Total.Requested, r.Total.AnsweredOnTime, r.Total.AnsweredLate, r.Total.OverdueUnanswered, r.Total.Open]])
            .Table(["STT", "Mã hồ sơ", "Nội dung", "Cơ quan giải trình", "Hạn đã trễ", "Ngày yêu cầu", "Hạn giải trình", "Tình trạng",
                    "Nguyên nhân", "Biện pháp khắc phục"],
                r.Items.Select((x, i) => (IReadOnlyList<object?>)[i + 1, x.DossierCode, x.StepTitle is { } step ? $"Bước: {step}" : "Hồ sơ",
                    agencies.Label(x.Agency), Day(x.MissedDueAt), Day(x.RequestedAt), Day(x.AnswerDueAt), Vietnamese(x.Status, x.Answer?.Late),
                    x.Answer is { } ans ? string.Join(": ", new[] { ans.CauseLabel ?? ans.Cause, ans.CauseText }.Where(t => t is not null)) : null,
                    x.Answer?.Remedy]))
            .Signatures("NGƯỜI LẬP BÁO CÁO", "GIÁM ĐỐC TRUNG TÂM")
            .Result();

    private static string Subject(Explanation x) => x.StepTitle is { } step ? $"Bước {step} ({x.TaskId})" : "Hồ sơ trễ hẹn trả kết quả";

    private static string Vietnamese(Explanation x) => Vietnamese(x.Status, x.Answer?.Late);

    private static string Vietnamese(ExplanationStatus status, bool? late) => status switch
    {
        ExplanationStatus.Answered when late == true => "Đã giải trình (trễ hạn)",
        ExplanationStatus.Answered => "Đã giải trình đúng hạn",
        ExplanationStatus.Overdue => "Quá hạn chưa giải trình",
        _ => "Đang trong hạn giải trình",
    };

    private static string? Day(DateTimeOffset? at) => at?.ToString("dd/MM/yyyy HH:mm");
}
