using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Registers;
using Dossiers.Engine.Calendars;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Registers;

/// <summary>Mẫu 01, 05 and 06 for a temporary-residence dossier walked to its result and handed back.</summary>
public class when_printing_the_forms(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency, user: "desk.lan");

    private async Task<Guid> Returned()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194", applicant: "Lê Thị Hoa"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);
        await Host.Command($"/api/dossiers/{submitted.Id}/tasks/appraise/acknowledge", Token(Roles.Officer, agency: PoliceAgency, user: "officer.binh"));
        await Host.Command($"/api/dossiers/{submitted.Id}/tasks/appraise/complete", Token(Roles.Officer, agency: PoliceAgency, user: "officer.binh"),
            new { outcome = "Approved", note = "Đủ điều kiện" });
        await Host.Command($"/api/dossiers/{submitted.Id}/tasks/approve/complete", Token(Roles.Officer, agency: PoliceAgency, user: "truong.ca"),
            new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{submitted.Id}/tasks/return/complete", Desk, new { outcome = "Done" });
        await Host.Command($"/api/dossiers/{submitted.Id}/return", Desk, new { note = "Trả tại quầy" });
        return submitted.Id;
    }

    private async Task<IScenarioResult> Get(string url) =>
        await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(Token(Roles.Auditor)); });

    [Fact]
    public async Task the_control_slip_has_a_row_per_hand_over_with_giver_receiver_times_and_result()
    {
        var id = await Returned();

        var slip = (await (await Get($"/api/dossiers/{id}/control-slip")).ReadAsJsonAsync<ControlSlip>())!;

        slip.Rows.Count.ShouldBe(3);   // desk → police, police → desk, desk → applicant
        var first = slip.Rows[0];
        (first.FromAgency, first.FromUser, first.ToAgency, first.ToUser).ShouldBe((DeskAgency, "desk.lan", PoliceAgency, "officer.binh"));
        first.ReceivedAt.ShouldNotBeNull();
        first.ReceivedAt!.Value.ShouldBeGreaterThanOrEqualTo(first.GivenAt);
        first.Result.ShouldBe(Timeliness.Early);
        first.Note.ShouldBe("Đủ điều kiện");
        (slip.Rows[1].FromAgency, slip.Rows[1].FromUser, slip.Rows[1].ToAgency).ShouldBe((PoliceAgency, "truong.ca", DeskAgency));
        (slip.Rows[2].ToAgency, slip.Rows[2].Note).ShouldBe(("Lê Thị Hoa", "Trả tại quầy"));
    }

    [Fact]
    public async Task the_printable_control_slip_is_html_with_the_form_s_columns()
    {
        var id = await Returned();

        var html = await (await Get($"/api/dossiers/{id}/control-slip?format=html")).ReadAsTextAsync();

        html.ShouldStartWith("<!doctype html>");
        html.ShouldContain("Mẫu số 05");
        html.ShouldContain("THỜI GIAN GIAO, NHẬN HỒ SƠ");
        html.ShouldContain("Trước hạn");
    }

    [Fact]
    public async Task the_receipt_carries_the_code_the_appointment_and_the_documents()
    {
        var id = await Returned();

        var receipt = (await (await Get($"/api/dossiers/{id}/receipt")).ReadAsJsonAsync<Receipt>())!;
        var html = await (await Get($"/api/dossiers/{id}/receipt?format=html")).ReadAsTextAsync();

        receipt.Code.ShouldStartWith(DeskAgency + "-");
        receipt.AppointmentAt.ShouldNotBeNull();
        receipt.Documents.ShouldNotBeEmpty();
        receipt.RegisterNumber.ShouldBe(1);
        html.ShouldContain("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
        html.ShouldContain(receipt.Code!);
        html.ShouldContain("Lê Thị Hoa");
    }

    [Fact]
    public async Task the_register_lists_the_desk_s_dossiers_of_the_period_in_order()
    {
        var first = await Returned();
        var second = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194", applicant: "Phạm Văn Minh"));
        await Host.Command($"/api/dossiers/{second.Id}/accept", Desk);
        var day = $"{ShiftedClock.MondayMorning:yyyy-MM-dd}";

        var register = (await (await Get($"/api/registers/{DeskAgency}?from={day}&to={day}")).ReadAsJsonAsync<Register>())!;

        register.Items.Select(l => l.Applicant).ShouldBe(["Lê Thị Hoa", "Phạm Văn Minh"]);
        register.Items.Select(l => l.Id).ShouldBe([first, second.Id]);   // each row opens its dossier
        register.Items[0].Number.ShouldBe(1);
        register.Items[0].ReturnedAt.ShouldNotBeNull();
        register.Items[1].ReturnedAt.ShouldBeNull();
        register.Items[0].LeadAgency.ShouldBe(PoliceAgency);
        (await (await Get($"/api/registers/{DeskAgency}?from={day}&to={day}&format=html")).ReadAsTextAsync()).ShouldContain("SỔ THEO DÕI HỒ SƠ");
    }

    [Fact]
    public async Task html_pages_encode_what_people_typed()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194", applicant: "<script>alert(1)</script>"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);

        var html = await (await Get($"/api/dossiers/{submitted.Id}/receipt?format=html")).ReadAsTextAsync();

        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;");
    }
}
