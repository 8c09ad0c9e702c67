using System.Globalization;

namespace Dossiers.Engine.Dvcqg;

// The national portal's (Cổng Dịch vụ công quốc gia) records, with the portal's own field names: they are the wire
// contract of its legacy sync adapter (docs/dvcqg.md), so they are spelled as the portal spells them.
// MaCapNhat is ours: the stable id of one update, which the receiver deduplicates by.

/// <summary>DongBoHoSoMC: the whole dossier as the portal shows it, sent whenever its status changes.</summary>
public sealed record DongBoHoSoMC(
    string MaCapNhat,
    string MaHoSo,
    string MaTTHC,
    string TenTTHC,
    string ChuHoSo,
    int LoaiDoiTuong,
    string? SoDienThoai,
    string? Email,
    string NgayTiepNhan,
    string? NgayHenTra,
    int TrangThaiHoSo,
    string? NgayTra,
    string? DonViXuLy,
    int KenhThucHien,
    IReadOnlyList<TaiLieuNopItem> TaiLieuNop,
    IReadOnlyList<HoSoBoSungItem> DanhSachHoSoBoSung,
    IReadOnlyList<GiayToKetQuaItem> DanhSachGiayToKetQua);

/// <summary>A document the applicant handed in; <c>TepDinhKemId</c> is the SHA-256 of its stored file when one was attached.</summary>
public sealed record TaiLieuNopItem(string? TepDinhKemId, string TenTepDinhKem, string MaThanhPhanHoSo, bool IsDeleted, bool DuocSoHoa);

/// <summary>A supplement request (TrangThaiBoSung 0 asked, 1 received) or an apology with its new appointment.</summary>
public sealed record HoSoBoSungItem(
    string HoSoBoSungId,
    string NguoiYeuCauBoSung,
    string NoiDungBoSung,
    string NgayBoSung,
    string? NgayTiepNhanBoSung,
    int TrangThaiBoSung,
    string? NgayHenTraTruoc,
    string? NgayHenTraMoi);

/// <summary>A result document; <c>DuongDanTepTinKetQua</c> is its path on our API (staff download it with a token).</summary>
public sealed record GiayToKetQuaItem(string TenGiayTo, string GiayToId, string DuongDanTepTinKetQua);

/// <summary>CapNhatTienDoHoSoMC: one step of the processing (a step given to a unit, taken, done).</summary>
public sealed record CapNhatTienDoHoSoMC(
    string MaCapNhat,
    string MaHoSo,
    string NguoiXuLy,
    string ChucDanh,
    string ThoiDiemXuLy,
    string PhongBanXuLy,
    string NoiDungXuLy,
    int TrangThai,
    string NgayBatDau,
    string NgayKetThucTheoQuyDinh);

/// <summary>The portal's two services of the legacy adapter.</summary>
public static class PortalServices
{
    public const string Dossier = "DongBoHoSoMC";
    public const string Progress = "CapNhatTienDoHoSoMC";
}

/// <summary>
/// One update for the portal: which service, its stable id, whether it updates a dossier the portal already has, and
/// the record. <paramref name="Status"/> is the DVCQG status it carries (the dossier's status after the event).
/// </summary>
public sealed record PortalUpdate(Guid DossierId, long Version, string Service, string UpdateId, bool IsUpdating, object Record, int Status);

/// <summary>Dates as the portal reads them: <c>yyyyMMddHHmmss</c> in Vietnam time (UTC+7, no daylight saving).</summary>
public static class PortalTime
{
    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static string Format(DateTimeOffset at) => at.ToOffset(Vietnam).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? at) => at is { } value ? Format(value) : null;
}
