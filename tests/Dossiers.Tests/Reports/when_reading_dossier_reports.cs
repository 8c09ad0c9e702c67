using System.Text;
using System.Text.Json.Nodes;
using Alba;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Dossiers.Api.Auth;
using Dossiers.Api.Reports;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Fixtures;
using Marten;
using Marten.Events;
using Scenarios = Dossiers.Tests.Fixtures.Scenarios;

namespace Dossiers.Tests.Reports;

/// <summary>
/// The dossier report through the real host: two dossiers received at Kon Tum's desk today (procedure 1.004194:
/// appraise and approve at the ward police, the return at the desk), one finished early, one in progress.
/// </summary>
public class when_reading_dossier_reports(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency);
    private string Police => Token(Roles.Officer, agency: PoliceAgency);
    private static string Day => $"{ShiftedClock.MondayMorning:yyyy-MM-dd}";

    private async Task TwoDossiers()
    {
        var finished = await Accepted();
        foreach (var step in new[] { "appraise", "approve" })
            await Host.Command($"/api/dossiers/{finished}/tasks/{step}/complete", Police, new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{finished}/tasks/return/complete", Desk, new { outcome = "Done" });
        await Accepted();
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<Guid> Accepted()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);
        return submitted.Id;
    }

    private async Task<IScenarioResult> Get(string url, string token, int status = 200, string? accept = null) =>
        await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(token);
            if (accept is not null) s.WithRequestHeader("Accept", accept);
            s.StatusCodeShouldBe(status);
        });

    private async Task<JsonObject> Json(string query, string? token = null) =>
        JsonNode.Parse(await (await Get($"/api/reports/dossiers?{query}", token ?? Token(Roles.Auditor))).ReadAsTextAsync())!.AsObject();

    private static JsonObject Row(JsonObject report, string section, string? agency) =>
        report["sections"]!.AsArray().Single(s => (string?)s!["key"] == section)!["rows"]!.AsArray()
            .Single(r => (string?)r!["agency"] == agency)!.AsObject();

    [Fact]
    public async Task the_json_counts_each_agency_under_its_rule_and_the_province_once()
    {
        await TwoDossiers();

        var report = await Json($"from={Day}&to={Day}");

        report["sections"]!.AsArray().Select(s => (string?)s!["basis"]).ShouldBe([ScoringBasis.ReceivedAt, ScoringBasis.HandledBy]);
        var centre = Row(report, "dossiers-by-receiving-centre", DeskAgency);
        ((string?)centre["agencyName"]).ShouldBe("Trung tâm Phục vụ hành chính công phường Kon Tum");
        ((string?)centre["level"]).ShouldBe("Xã");
        ((int)centre["dossiers"]!, (int)centre["received"]!, (int)centre["carriedOver"]!).ShouldBe((2, 2, 0));
        ((int)centre["early"]!, (int)centre["onTime"]!, (int)centre["late"]!).ShouldBe((1, 0, 0));
        ((int)centre["inProgress"]!, (int)centre["overdue"]!, (int)centre["withdrawn"]!, (int)centre["stopped"]!).ShouldBe((1, 0, 0, 0));
        ((decimal)centre["onTimeRate"]!).ShouldBe(100m);
        var police = Row(report, "dossiers-by-handling-agency", PoliceAgency);
        ((int)police["dossiers"]!, (int)police["early"]!, (int)police["inProgress"]!).ShouldBe((2, 1, 1));
        ((int)Row(report, "dossiers-by-handling-agency", DeskAgency)["dossiers"]!).ShouldBe(1);   // the return step of the finished one
        var total = Row(report, "dossiers-by-handling-agency", null);
        ((string?)total["agencyName"]).ShouldBe("Toàn tỉnh");
        ((int)total["dossiers"]!).ShouldBe(2);   // each dossier once, though two agencies handled the finished one
    }

    [Fact]
    public async Task the_xlsx_holds_every_figure_of_the_json()
    {
        await TwoDossiers();
        var json = await Json($"from={Day}&to={Day}&period=month");

        var (bytes, response) = await Download($"/api/reports/dossiers?from={Day}&to={Day}&period=month&format=xlsx", Token(Roles.Controller));

        response.Content.Headers.ContentType!.MediaType.ShouldBe(ReportEndpoints.Xlsx);
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"bao-cao-ho-so_{Day}_{Day}.xlsx");
        using var stream = new MemoryStream(bytes);
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var part = workbook.WorkbookPart!;
        var sheets = part.Workbook.Sheets!.Elements<Sheet>().ToList();
        var sections = json["sections"]!.AsArray();
        sheets.Count.ShouldBe(sections.Count);
        var figures = 0;
        foreach (var (sheet, section) in sheets.Zip(sections))
        {
            var rows = ((WorksheetPart)part.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Cells(rows[0]).ShouldBe([(string)section!["title"]!]);
            var columns = section["columns"]!.AsArray();
            Cells(rows[1]).ShouldBe(columns.Select(c => (string)c!["heading"]!));
            var jsonRows = section["rows"]!.AsArray();
            rows.Count.ShouldBe(2 + jsonRows.Count);
            foreach (var (row, jsonRow) in rows.Skip(2).Zip(jsonRows))
            {
                var cells = Cells(row);
                for (var i = 0; i < columns.Count; i++)
                {
                    var expected = jsonRow![(string)columns[i]!["key"]!];
                    cells[i].ShouldBe(expected is null ? "" : expected.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string)expected! : expected.ToJsonString(),
                        $"{sheet.Name} row {row.RowIndex} column {columns[i]!["heading"]}");
                    if (expected?.GetValueKind() == System.Text.Json.JsonValueKind.Number) figures++;
                }
            }
        }
        figures.ShouldBeGreaterThan(20);
        Cells(((WorksheetPart)part.GetPartById(sheets[0].Id!)).Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ElementAt(1))
            .ShouldContain("Giải quyết trước hạn");
    }

    /// <summary>A file download as bytes, with its headers (Alba reads bodies as text only).</summary>
    private async Task<(byte[] Bytes, HttpResponseMessage Response)> Download(string url, string token, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        if (accept is not null) request.Headers.Accept.ParseAdd(accept);
        var response = await Host.Server.CreateClient().SendAsync(request);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        return (await response.Content.ReadAsByteArrayAsync(), response);
    }

    /// <summary>Every cell of the row in column order, as text; an empty cell as "".</summary>
    private static List<string> Cells(Row row) =>
        [.. row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "")];

    [Fact]
    public async Task the_csv_is_utf8_with_a_bom_and_vietnamese_headings_and_follows_the_json()
    {
        await TwoDossiers();
        var json = await Json($"from={Day}&to={Day}");

        var (bytes, response) = await Download($"/api/reports/dossiers?from={Day}&to={Day}", Token(Roles.Admin), accept: "text/csv");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.ShouldBe($"bao-cao-ho-so_{Day}_{Day}.csv");
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n");
        lines[0].ShouldBe("Hồ sơ theo đơn vị tiếp nhận");
        lines[1].ShouldBe("Kỳ báo cáo,Mã đơn vị,Đơn vị,Cấp,Tổng số hồ sơ,Kỳ trước chuyển sang,Tiếp nhận,Giải quyết trước hạn,Đúng hạn,Quá hạn,"
                          + "Đang giải quyết,Đang giải quyết quá hạn,Rút hồ sơ,Dừng xử lý,Tỷ lệ đúng hạn (%)");
        var centre = Row(json, "dossiers-by-receiving-centre", DeskAgency);
        lines[2].ShouldBe($"{Day}..{Day},{DeskAgency},Trung tâm Phục vụ hành chính công phường Kon Tum,Xã,2,0,2,1,0,0,1,0,0,0,{centre["onTimeRate"]}");
        lines[3].ShouldBe($"{Day}..{Day},,Toàn tỉnh,,2,0,2,1,0,0,1,0,0,0,100");
        lines[4].ShouldBe("");
        lines[5].ShouldBe("Hồ sơ theo đơn vị giải quyết");
    }

    [Fact]
    public async Task an_officer_reads_the_report_of_their_own_unit_only()
    {
        await TwoDossiers();

        var own = await Json($"from={Day}&to={Day}", Police);

        ((string?)own["agency"]).ShouldBe(PoliceAgency);
        own["sections"]!.AsArray().SelectMany(s => s!["rows"]!.AsArray()).Select(r => (string?)r!["agency"]).Distinct()
            .ShouldBe([null, PoliceAgency], ignoreOrder: true);
        ((string?)Row(own, "dossiers-by-handling-agency", null)["agencyName"]).ShouldBe("Các đơn vị đã chọn");
        await Get($"/api/reports/dossiers?from={Day}&to={Day}&agency={DeskAgency}", Police, 403);
        await Get($"/api/reports/dossiers?from={Day}&to={Day}&agency={DeskAgency}", Desk);
    }

    [Theory]
    [InlineData("from=2026-03-01&to=2026-03-31&period=week", "period")]
    [InlineData("month=2026-13", "month")]
    [InlineData("quarter=2026-Q5", "quarter")]
    [InlineData("year=26", "year")]
    [InlineData("from=2026-03-01&to=2026-03-31&month=2026-03", "month")]
    [InlineData("month=2026-03&level=district", "level")]
    [InlineData("month=2026-03&agency=999.99.99.H48", "agency")]
    [InlineData("month=2026-03&procedure=1.004194%20or%201", "procedure")]
    [InlineData("from=2026-03-01", "to")]
    public async Task bad_parameters_answer_400_naming_them(string query, string field)
    {
        foreach (var url in new[] { $"/api/reports/dossiers?{query}", $"/api/sla/scorecard?{query.Replace("&period=week", "")}" })
        {
            if (url.StartsWith("/api/sla") && field == "period") continue;
            var result = await Get(url, Token(Roles.Auditor), 400);
            JsonNode.Parse(await result.ReadAsTextAsync())!["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(url);
        }
    }

    [Fact]
    public async Task a_format_we_do_not_make_is_refused_naming_the_ones_we_do()
    {
        var result = await Get("/api/reports/dossiers?month=2026-03&format=pdf", Token(Roles.Auditor), 406);

        (await result.ReadAsTextAsync()).ShouldContain("json, csv, xlsx");
    }

    [Fact]
    public async Task the_scorecard_takes_a_month_a_level_and_a_procedure()
    {
        await TwoDossiers();
        var month = $"{ShiftedClock.MondayMorning:yyyy-MM}";

        var communes = await Scorecard($"month={month}&level=commune");
        communes.Agencies.Select(a => a.Agency).ShouldBe([DeskAgency, PoliceAgency]);
        communes.Agencies.Single(a => a.Agency == PoliceAgency).ShouldSatisfyAllConditions(
            a => a.Receiving.Dossiers.ShouldBe(0), a => a.Handling.Dossiers.ShouldBe(2), a => a.Handling.Basis.ShouldBe(ScoringBasis.HandledBy));
        (await Scorecard($"month={month}&level=province")).Agencies.ShouldBeEmpty();
        (await Scorecard($"month={month}&procedure=1.004194")).Province.Dossiers.ShouldBe(2);
        (await Scorecard($"month={month}&procedure=1.004222")).Province.Dossiers.ShouldBe(0);
    }

    private async Task<ScorecardReport> Scorecard(string query) =>
        (await (await Get($"/api/sla/scorecard?{query}", Token(Roles.Auditor))).ReadAsJsonAsync<ScorecardReport>())!;
}
