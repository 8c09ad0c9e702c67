using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Dvcqg;

namespace Dossiers.Tests.Dvcqg;

/// <summary>The pure mapping from a dossier's events to the portal's records (docs/dvcqg.md §3), field by field.</summary>
public class when_mapping_events_to_the_portal
{
    private static readonly Guid Id = Guid.Parse("6f1c2a3b-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 1, 15, 0, TimeSpan.Zero);   // 08:15 in Vietnam
    private static readonly Actor Desk = new("lan", "desk", "057.01.90.H48");
    private static readonly Actor Police = new("minh", "officer", "057.02.90.H48");
    private const string Code = "057.01.90.H48-260302-0001";
    private static readonly PortalMapping Mapping = new();

    private static DossierSubmitted Submitted(Channel channel = Channel.Desk) => new(Id, "1.004194", "tam-tru", 1, channel,
        new Applicant("Nguyễn Văn An", "051090000123", "0912345678", "an@example.vn", "Quảng Ngãi"),
        [new DossierDocument("Tờ khai", DocumentKind.Original, true), new DossierDocument("CCCD", DocumentKind.Copy, false)],
        null, Desk, Monday, null, "2026.1", "Đăng ký tạm trú", "057.01.90.H48");

    private static DossierAccepted Accepted => new(Id, Code, "057.01.90.H48", 1, Budget.WorkingDays(3), Monday.AddDays(3), "2026.1", Desk, Monday.AddMinutes(5));
    private static TaskActivated Activated(string task, DateTimeOffset at, HandOver? from = null) =>
        new(Id, task, task, "057.02.90.H48", "officer", "Thẩm định", Budget.WorkingDays(1), at.AddDays(1), "2026.1", from, at);

    /// <summary>Versions from 1, the updates of every event in order.</summary>
    private static IReadOnlyList<PortalUpdate> Updates(params object[] events) =>
        PortalMapper.Replay(events.Select((e, i) => ((long)i + 1, e)), Mapping).Updates;

    private static DongBoHoSoMC Last(IEnumerable<PortalUpdate> updates) =>
        (DongBoHoSoMC)updates.Last(u => u.Service == PortalServices.Dossier).Record;

    [Fact]
    public void a_desk_dossier_reaches_the_portal_at_its_acceptance_with_every_field()
    {
        var updates = Updates(Submitted(), Accepted);

        updates.Count.ShouldBe(1);
        var update = updates[0];
        (update.Service, update.UpdateId, update.IsUpdating, update.Status, update.Version)
            .ShouldBe((PortalServices.Dossier, $"{Id:N}-2-DB", false, 2, 2L));
        var record = (DongBoHoSoMC)update.Record;
        record.MaCapNhat.ShouldBe($"{Id:N}-2-DB");
        record.MaHoSo.ShouldBe(Code);
        record.MaTTHC.ShouldBe("1.004194");
        record.TenTTHC.ShouldBe("Đăng ký tạm trú");
        record.ChuHoSo.ShouldBe("Nguyễn Văn An");
        record.LoaiDoiTuong.ShouldBe(1);
        record.SoDienThoai.ShouldBe("0912345678");
        record.Email.ShouldBe("an@example.vn");
        record.NgayTiepNhan.ShouldBe("20260302082000");          // accepted 01:20 UTC = 08:20 in Vietnam
        record.NgayHenTra.ShouldBe("20260305081500");
        record.TrangThaiHoSo.ShouldBe(2);
        record.NgayTra.ShouldBeNull();
        record.DonViXuLy.ShouldBe("057.01.90.H48");
        record.KenhThucHien.ShouldBe(1);
        record.TaiLieuNop.ShouldBe([
            new TaiLieuNopItem(null, "Tờ khai", "Tờ khai", false, true),
            new TaiLieuNopItem(null, "CCCD", "CCCD", false, false)]);
        record.DanhSachHoSoBoSung.ShouldBeEmpty();
        record.DanhSachGiayToKetQua.ShouldBeEmpty();
    }

    [Fact]
    public void an_online_dossier_is_sent_at_submission_with_status_1_then_updated()
    {
        var updates = Updates(Submitted(Channel.Online), Accepted);

        updates.Select(u => (u.Status, u.IsUpdating)).ShouldBe([(1, false), (2, true)]);
        var first = (DongBoHoSoMC)updates[0].Record;
        (first.MaHoSo, first.KenhThucHien, first.NgayTiepNhan, first.NgayHenTra).ShouldBe((Id.ToString(), 2, "20260302081500", null));
        ((DongBoHoSoMC)updates[1].Record).MaHoSo.ShouldBe(Code);
    }

    [Fact]
    public void a_desk_dossier_refused_before_acceptance_is_never_on_the_portal()
    {
        Updates(Submitted(), new DossierRefused(Id, "Thiếu giấy tờ", Desk, Monday)).ShouldBeEmpty();
        Updates(Submitted(Channel.Online), new DossierRefused(Id, "Thiếu giấy tờ", Desk, Monday)).Select(u => u.Status).ShouldBe([1, 3]);
    }

    [Fact]
    public void each_step_sends_its_progress_and_a_status_change_sends_the_record_first()
    {
        var at = Monday.AddHours(1);
        var updates = Updates(Submitted(), Accepted, Activated("appraise", Monday.AddMinutes(5)),
            new TaskAcknowledged(Id, "appraise", "057.02.90.H48", Police, at),
            new TaskCompleted(Id, "appraise", "appraise", "057.02.90.H48", "Approved", null, Monday.AddDays(1).AddMinutes(5), Timeliness.Early, Police, at.AddHours(1)),
            Activated("approve", at.AddHours(1), new HandOver("057.02.90.H48", "minh", "appraise")));

        updates.Select(u => (u.Version, u.Service, u.Status)).ShouldBe([
            (2L, PortalServices.Dossier, 2), (3L, PortalServices.Progress, 2),
            (4L, PortalServices.Dossier, 4), (4L, PortalServices.Progress, 4),
            (5L, PortalServices.Progress, 4), (6L, PortalServices.Progress, 4)]);
        updates[3].UpdateId.ShouldBe($"{Id:N}-4-TD");
        var given = (CapNhatTienDoHoSoMC)updates[1].Record;
        given.ShouldBe(new CapNhatTienDoHoSoMC($"{Id:N}-3-TD", Code, "", "Cán bộ xử lý", "20260302082000", "057.02.90.H48",
            "Giao xử lý: Thẩm định", 2, "20260302082000", "20260303082000"));
        var taken = (CapNhatTienDoHoSoMC)updates[3].Record;
        (taken.NguoiXuLy, taken.ChucDanh, taken.ThoiDiemXuLy, taken.NoiDungXuLy, taken.TrangThai, taken.NgayBatDau)
            .ShouldBe(("minh", "Cán bộ xử lý", "20260302091500", "Tiếp nhận xử lý: Thẩm định", 4, "20260302082000"));
        var done = (CapNhatTienDoHoSoMC)updates[4].Record;
        (done.NoiDungXuLy, done.ThoiDiemXuLy, done.NgayKetThucTheoQuyDinh).ShouldBe(("Hoàn thành: Thẩm định (Approved)", "20260302101500", "20260303082000"));
        var handedOver = (CapNhatTienDoHoSoMC)updates[5].Record;
        (handedOver.NguoiXuLy, handedOver.NoiDungXuLy).ShouldBe(("minh", "Chuyển xử lý từ 057.02.90.H48: Thẩm định"));
    }

    [Fact]
    public void a_supplement_during_processing_is_listed_with_the_appointments_before_and_after()
    {
        var asked = Monday.AddHours(2);
        var resumedDue = Monday.AddDays(6);
        var updates = Updates(Submitted(), Accepted,
            new SupplementRequested(Id, ["Bản sao sổ hộ khẩu"], "Thiếu giấy tờ", false, 1, Police, asked),
            new ClockPaused(Id, PauseReason.Supplement, TimeSpan.FromHours(20), new Dictionary<string, TimeSpan>(), asked, TimeSpan.FromHours(20)),
            new SupplementReceived(Id, null, Desk, asked.AddDays(1)),
            new ClockResumed(Id, PauseReason.Supplement, resumedDue, new Dictionary<string, DateTimeOffset>(), TimeSpan.FromDays(1), "2026.1",
                asked.AddDays(1), resumedDue, TimeSpan.FromHours(8)));

        updates.Select(u => u.Status).ShouldBe([2, 5, 2]);
        var waiting = (DongBoHoSoMC)updates[1].Record;
        waiting.DanhSachHoSoBoSung.ShouldBe([new HoSoBoSungItem("BS1", "minh", "Thiếu giấy tờ: Bản sao sổ hộ khẩu", "20260302101500", null, 0,
            "20260305081500", null)]);
        var back = Last(updates);
        back.DanhSachHoSoBoSung.ShouldBe([new HoSoBoSungItem("BS1", "minh", "Thiếu giấy tờ: Bản sao sổ hộ khẩu", "20260302101500", "20260303101500", 1,
            "20260305081500", "20260308081500")]);
        back.NgayHenTra.ShouldBe("20260308081500");
    }

    [Fact]
    public void an_apology_sends_the_record_with_the_new_appointment_without_a_status_change()
    {
        var updates = Updates(Submitted(), Accepted,
            new ApologyIssued(Id, "Cần xác minh thêm", Monday.AddDays(3), Monday.AddDays(8), Police, Monday.AddDays(2)));

        updates.Select(u => (u.Status, u.IsUpdating)).ShouldBe([(2, false), (2, true)]);
        var record = Last(updates);
        record.NgayHenTra.ShouldBe("20260310081500");
        record.DanhSachHoSoBoSung.ShouldBe([new HoSoBoSungItem("XL1", "minh", "Xin lỗi và hẹn lại ngày trả kết quả: Cần xác minh thêm",
            "20260304081500", null, 1, "20260305081500", "20260310081500")]);
    }

    [Fact]
    public void the_result_and_its_return_send_9_then_10_with_the_result_papers_and_the_return_date()
    {
        var ready = Monday.AddDays(2);
        var updates = Updates(Submitted(), Accepted,
            new FileAttached(Id, "ab12", 10, "application/pdf", "giay-xac-nhan.pdf", "Giấy xác nhận tạm trú", FileKind.Result, Police, ready),
            new FileAttached(Id, "cd34", 10, "image/jpeg", "to-khai.jpg", "Tờ khai", FileKind.Document, Desk, ready),
            new ResultReady(Id, "end", ResultKind.Granted, Monday.AddDays(3), Timeliness.Early, ready, Monday.AddDays(3), Timeliness.Early, TimeSpan.FromHours(9)),
            new ResultReturned(Id, null, Desk, ready.AddHours(3)));

        updates.Select(u => u.Status).ShouldBe([2, 9, 10]);
        var returned = Last(updates);
        returned.NgayTra.ShouldBe("20260304111500");
        returned.DanhSachGiayToKetQua.ShouldBe([new GiayToKetQuaItem("Giấy xác nhận tạm trú", "ab12", $"/api/dossiers/{Id}/files/ab12")]);
        returned.TaiLieuNop[0].ShouldBe(new TaiLieuNopItem("cd34", "to-khai.jpg", "Tờ khai", false, true));
    }

    [Fact]
    public void payment_withdrawal_and_stop_send_6_7_and_8()
    {
        var at = Monday.AddHours(3);
        var updates = Updates(Submitted(), Accepted,
            new PaymentRequested(Id, null, "057.02.90.H48", 50000, "Lệ phí", Police, at),
            new ClockPaused(Id, PauseReason.Payment, TimeSpan.FromHours(20), new Dictionary<string, TimeSpan>(), at, TimeSpan.FromHours(20)),
            new WithdrawalRequested(Id, "Không còn nhu cầu", Desk, at.AddHours(1)),
            new ProcessingStopped(Id, "Rút hồ sơ", Desk, at.AddHours(2)));

        updates.Select(u => u.Status).ShouldBe([2, 6, 7, 8]);
    }

    [Fact]
    public void the_applicant_kind_comes_from_the_mapping_and_dates_are_in_vietnam_time()
    {
        var (portal, _) = PortalMapper.Replay([(1L, Submitted()), (2L, Accepted)], Mapping);
        PortalMapper.Record(portal!, "x", new PortalMapping(ApplicantKind: 2)).LoaiDoiTuong.ShouldBe(2);
        PortalTime.Format(new DateTimeOffset(2026, 12, 31, 20, 0, 0, TimeSpan.Zero)).ShouldBe("20270101030000");
        PortalTime.Format(new DateTimeOffset(2026, 3, 2, 8, 0, 0, PortalTime.Vietnam)).ShouldBe("20260302080000");
    }

    [Fact]
    public void the_same_events_always_give_the_same_updates_and_ids()
    {
        object[] events = [Submitted(Channel.Online), Accepted, Activated("appraise", Monday.AddMinutes(5))];
        var once = Updates(events).Select(u => (u.UpdateId, System.Text.Json.JsonSerializer.Serialize(u.Record, u.Record.GetType())));
        var again = Updates(events).Select(u => (u.UpdateId, System.Text.Json.JsonSerializer.Serialize(u.Record, u.Record.GetType())));
        again.ShouldBe(once);
        Updates(events).Select(u => u.UpdateId).ShouldBeUnique();
    }
}
