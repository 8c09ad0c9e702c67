using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Catalogue;
using Dossiers.Api.Registers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Registers;

/// <summary>
/// Mẫu 02, 03 and 04 (issue 16): recorded as events, now printable as JSON and HTML like Mẫu 01/05/06; a format the
/// forms do not come in is refused (406), not answered as JSON; and the public catalogue needs no token.
/// </summary>
public class when_printing_the_notices(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency, user: "desk.lan");
    private string Police => Token(Roles.Officer, agency: PoliceAgency, user: "officer.binh");

    private async Task<IScenarioResult> Get(string url, string? token = null, int status = 200) =>
        await Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (token is not null) s.WithBearerToken(token);
            s.StatusCodeShouldBe(status);
        });

    [Fact]
    public async Task each_supplement_request_is_a_numbered_mau_02()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194", applicant: "Trần Văn Bình"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);
        await Host.Command($"/api/dossiers/{submitted.Id}/supplement-requests", Police,
            new { items = new[] { "Bản sao hợp đồng thuê nhà", "Giấy xác nhận chỗ ở" }, reason = "Thiếu giấy tờ chứng minh chỗ ở" });

        var list = (await (await Get($"/api/dossiers/{submitted.Id}/supplement-requests", Police)).ReadAsJsonAsync<NoticeList<SupplementNotice>>())!;
        var html = await (await Get($"/api/dossiers/{submitted.Id}/supplement-requests?number=1&format=html", Police)).ReadAsTextAsync();

        var notice = list.Items.ShouldHaveSingleItem();
        (notice.Number, notice.Items.Count, notice.RequestedBy.User, notice.Dossier.Agency).ShouldBe((1, 2, "officer.binh", PoliceAgency));
        notice.Dossier.Applicant.ShouldBe("Trần Văn Bình");
        html.ShouldContain("Mẫu số 02");
        html.ShouldContain("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
        html.ShouldContain("Giấy xác nhận chỗ ở");
        html.ShouldContain("Trần Văn Bình");
        await Get($"/api/dossiers/{submitted.Id}/supplement-requests?number=2", Police, 404);
        await Get($"/api/dossiers/{submitted.Id}/supplement-requests?number=zero", Police, 400);
    }

    [Fact]
    public async Task a_refusal_at_the_desk_is_a_mau_03_with_its_reason()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194", applicant: "Phạm Thị Cúc"));
        await Get($"/api/dossiers/{submitted.Id}/refusal", Desk, 404);
        await Host.Command($"/api/dossiers/{submitted.Id}/refuse", Desk, new { reason = "Thủ tục không thuộc thẩm quyền" });

        var notice = (await (await Get($"/api/dossiers/{submitted.Id}/refusal", Desk)).ReadAsJsonAsync<RefusalNotice>())!;
        var html = await (await Get($"/api/dossiers/{submitted.Id}/refusal?format=html", Desk)).ReadAsTextAsync();

        (notice.Reason, notice.RefusedBy.User, notice.Dossier.Agency).ShouldBe(("Thủ tục không thuộc thẩm quyền", "desk.lan", DeskAgency));
        html.ShouldContain("Mẫu số 03");
        html.ShouldContain("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
        html.ShouldContain("Thủ tục không thuộc thẩm quyền");
    }

    [Fact]
    public async Task an_apology_is_a_mau_04_with_both_appointments()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194"));
        var accepted = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;
        var newDue = accepted.DueAt!.Value.AddDays(7);
        await Host.Command($"/api/dossiers/{submitted.Id}/apologies", Police, new { reason = "Cần xác minh thêm", newDueAt = newDue });

        var notice = (await (await Get($"/api/dossiers/{submitted.Id}/apologies", Police)).ReadAsJsonAsync<NoticeList<ApologyNotice>>())!.Items.ShouldHaveSingleItem();
        var html = await (await Get($"/api/dossiers/{submitted.Id}/apologies?format=html", Police)).ReadAsTextAsync();

        (notice.PreviousDueAt, notice.NewDueAt, notice.Reason).ShouldBe((accepted.DueAt.Value, newDue, "Cần xác minh thêm"));
        html.ShouldContain("Mẫu số 04");
        html.ShouldContain("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
        html.ShouldContain(PrintablePage.Text(newDue));
    }

    [Theory]
    [InlineData("receipt")]
    [InlineData("control-slip")]
    [InlineData("supplement-requests")]
    [InlineData("apologies")]
    [InlineData("refusal")]
    public async Task a_format_the_forms_do_not_come_in_is_refused_naming_the_supported_ones(string form)
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194"));

        var answer = await (await Get($"/api/dossiers/{submitted.Id}/{form}?format=pdf", Desk, 406)).ReadAsTextAsync();

        answer.ShouldContain("\"format\"");
        answer.ShouldContain("json, html");
    }

    [Fact]
    public async Task the_register_refuses_an_unsupported_format_too() =>
        await Get($"/api/registers/{DeskAgency}?from=2026-03-01&to=2026-03-31&format=docx", Desk, 406);

    [Fact]
    public async Task another_commune_s_officer_may_not_read_the_notices()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);

        await Get($"/api/dossiers/{submitted.Id}/supplement-requests", Token(Roles.Officer, agency: "004.02.90.H48"), 403);
    }

    [Fact]
    public async Task the_public_catalogue_lists_every_procedure_without_a_token()
    {
        var catalogue = (await (await Get("/api/public/procedures")).ReadAsJsonAsync<PublicCatalogue>())!;
        var one = (await (await Get("/api/public/procedures/1.004194")).ReadAsJsonAsync<PublicProcedure>())!;

        catalogue.Items.Count.ShouldBeGreaterThanOrEqualTo(10);
        catalogue.Items.Select(p => p.Code).ShouldBeUnique();
        (one.Name, one.LegalTime.Amount, one.LegalTimeText).ShouldBe(("Đăng ký tạm trú", 3m, "3 ngày làm việc"));
        one.Documents.ShouldNotBeEmpty();
        one.WhereToFile.AnyCentreOfTheProvince.ShouldBeTrue();
        one.WhereToFile.Centres.ShouldContain(c => c.Code == DeskAgency);
        await Get("/api/public/procedures/9.999999", status: 404);
    }
}
