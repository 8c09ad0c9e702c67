using Dossiers.Engine.Dossiers;

namespace Dossiers.Engine.Dvcqg;

/// <summary>Settings of the mapping that the portal's operator decides, not the events.</summary>
/// <param name="ApplicantKind">LoaiDoiTuong sent for every applicant: 1 (citizen) by default. Sources disagree on the
/// code list (docs/dvcqg.md), so it is configuration (<c>Dvcqg:LoaiDoiTuong</c>) until the portal's operator confirms it.</param>
public sealed record PortalMapping(int ApplicantKind = 1);

/// <summary>
/// Which events tell the portal what (docs/dvcqg.md §3), as a pure function of the dossier before the event and the
/// event: the sender only delivers what this decides, in the order decided.
/// </summary>
public static class PortalMapper
{
    /// <summary>Folds one event and returns the updates it produces, DongBoHoSoMC before CapNhatTienDoHoSoMC.</summary>
    public static (PortalDossier? After, IReadOnlyList<PortalUpdate> Updates) Step(
        PortalDossier? before, object @event, long version, PortalMapping mapping)
    {
        if (PortalDossier.Evolve(before, @event) is not { } after) return (null, []);
        if (!after.OnThePortal) return (after, []);
        var updates = new List<PortalUpdate>(2);
        var statusChanged = after.LastStatus != after.Status;
        // A status change is the portal's main news; an apology moves the appointment without changing the status.
        if (statusChanged || @event is ApologyIssued)
        {
            updates.Add(new PortalUpdate(after.State.Id, version, PortalServices.Dossier, UpdateId(after, version, "DB"), after.Announced,
                Record(after, UpdateId(after, version, "DB"), mapping), after.Status));
            after = after with { Announced = true, LastStatus = after.Status };
        }
        if (Progress(before!, after, @event, UpdateId(after, version, "TD")) is { } progress)
            updates.Add(new PortalUpdate(after.State.Id, version, PortalServices.Progress, progress.MaCapNhat, false, progress, after.Status));
        return (after, updates);
    }

    /// <summary>Every update a whole stream produces, in order: what the portal should have received for it.</summary>
    public static (PortalDossier? After, IReadOnlyList<PortalUpdate> Updates) Replay(IEnumerable<(long Version, object Data)> events, PortalMapping mapping)
    {
        PortalDossier? state = null;
        var all = new List<PortalUpdate>();
        foreach (var (version, data) in events)
        {
            var (after, updates) = Step(state, data, version, mapping);
            state = after ?? state;
            all.AddRange(updates);
        }
        return (state, all);
    }

    /// <summary>
    /// The stable id of an update: the dossier, the version of the event that produced it, and DB (DongBoHoSoMC) or TD
    /// (CapNhatTienDoHoSoMC). The same event always yields the same id, so a resent update is recognised as one.
    /// </summary>
    public static string UpdateId(PortalDossier dossier, long version, string kind) => $"{dossier.State.Id:N}-{version}-{kind}";

    /// <summary>The dossier's DongBoHoSoMC record as it stands in <paramref name="dossier"/>.</summary>
    public static DongBoHoSoMC Record(PortalDossier dossier, string updateId, PortalMapping mapping)
    {
        var d = dossier.State;
        return new DongBoHoSoMC(
            MaCapNhat: updateId,
            // Before acceptance an online dossier has no code of ours yet: its id names it until then.
            MaHoSo: d.Code ?? d.Id.ToString(),
            MaTTHC: d.ProcedureCode,
            TenTTHC: dossier.ProcedureName,
            ChuHoSo: dossier.Applicant.Name,
            LoaiDoiTuong: mapping.ApplicantKind,
            SoDienThoai: dossier.Applicant.Phone,
            Email: dossier.Applicant.Email,
            NgayTiepNhan: PortalTime.Format(d.AcceptedAt ?? d.SubmittedAt),
            NgayHenTra: PortalTime.Format(d.DueAt),
            TrangThaiHoSo: dossier.Status,
            NgayTra: PortalTime.Format(d.ReturnedAt),
            DonViXuLy: d.ReceivingAgency,
            KenhThucHien: d.Channel switch { Channel.Desk => 1, Channel.Online => 2, _ => 3 },
            TaiLieuNop: [.. d.Documents.Select(document =>
            {
                var file = d.Files.LastOrDefault(f => f.Kind == FileKind.Document && f.Document == document.Name);
                return new TaiLieuNopItem(file?.Sha256, file?.FileName ?? document.Name, document.Name, false, document.Digitized);
            })],
            DanhSachHoSoBoSung: [.. dossier.Supplements.Select(s => new HoSoBoSungItem(
                s.Id, s.RequestedBy, s.Content, PortalTime.Format(s.RequestedAt), PortalTime.Format(s.Received),
                s.Id.StartsWith("XL", StringComparison.Ordinal) ? 1 : s.Received is null ? 0 : 1,
                PortalTime.Format(s.PreviousDueAt), PortalTime.Format(s.NewDueAt)))],
            DanhSachGiayToKetQua: [.. d.Files.Where(f => f.Kind == FileKind.Result).Select(f =>
                new GiayToKetQuaItem(f.Document ?? f.FileName, f.Sha256, $"/api/dossiers/{d.Id}/files/{f.Sha256}"))]);
    }

    /// <summary>A step given to a unit (a hand-over when it comes from another), taken by it, or done: one progress line.</summary>
    private static CapNhatTienDoHoSoMC? Progress(PortalDossier before, PortalDossier after, object @event, string updateId)
    {
        var code = after.State.Code ?? after.State.Id.ToString();
        CapNhatTienDoHoSoMC Line(string who, string title, DateTimeOffset at, string unit, string what, DateTimeOffset start, DateTimeOffset due) =>
            new(updateId, code, who, title, PortalTime.Format(at), unit, what, after.Status, PortalTime.Format(start), PortalTime.Format(due));
        return @event switch
        {
            TaskActivated e => Line(e.HandOver?.FromUser ?? "", Title(e.Role), e.ActivatedAt, e.Agency,
                e.HandOver is { } from ? $"Chuyển xử lý từ {from.FromAgency}: {e.Title}" : $"Giao xử lý: {e.Title}", e.ActivatedAt, e.DueAt),
            TaskAcknowledged e when before.State.Tasks.TryGetValue(e.TaskId, out var task) =>
                Line(e.AcknowledgedBy.User, Title(e.AcknowledgedBy.Role), e.AcknowledgedAt, e.Agency, $"Tiếp nhận xử lý: {task.Title}", task.ActivatedAt, task.DueAt),
            TaskCompleted e when before.State.Tasks.TryGetValue(e.TaskId, out var task) =>
                Line(e.CompletedBy.User, Title(e.CompletedBy.Role), e.CompletedAt, e.Agency, $"Hoàn thành: {task.Title} ({e.Outcome})", task.ActivatedAt, e.DueAt),
            TaskReassigned e when before.State.Tasks.TryGetValue(e.TaskId, out var task) =>
                Line(e.ReassignedBy.User, Title(e.ReassignedBy.Role), e.ReassignedAt, e.ToAgency, $"Chuyển xử lý từ {e.FromAgency}: {task.Title}", task.ActivatedAt, task.DueAt),
            _ => null,
        };
    }

    /// <summary>ChucDanh: the role in the one-stop mechanism, as the portal's readers name it.</summary>
    private static string Title(string role) => role switch
    {
        "desk" => "Công chức Bộ phận một cửa",
        "officer" => "Cán bộ xử lý",
        "controller" => "Cán bộ kiểm soát",
        "admin" => "Quản trị",
        _ => role,
    };
}
