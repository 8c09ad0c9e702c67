using System.Text;
using Dossiers.Api.Reports;

namespace Dossiers.Tests.Reports;

/// <summary>The CSV writer on its own: RFC 4180 quoting, CRLF, the byte-order mark, invariant numbers.</summary>
public class when_writing_report_files
{
    private static DossierReport Report(params object?[] cells) => new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), null, null, null, null,
        DateTimeOffset.UnixEpoch,
        [new ReportSection("s", "Mục, thử", null, [new("a", "Đơn vị", CellKind.Text), new("b", "Tỷ lệ (%)", CellKind.Percent)],
            [new Dictionary<string, object?> { ["a"] = cells[0], ["b"] = cells[1] }])]);

    [Fact]
    public void fields_with_commas_quotes_or_line_breaks_are_quoted_and_quotes_doubled()
    {
        var bytes = ReportCsv.Write(Report("Phòng \"Kinh tế\", hạ tầng\nvà đô thị", 44.5m));

        bytes.Take(3).ShouldBe(Encoding.UTF8.GetPreamble());
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).ShouldBe(
            "\"Mục, thử\"\r\nĐơn vị,Tỷ lệ (%)\r\n\"Phòng \"\"Kinh tế\"\", hạ tầng\nvà đô thị\",44.5\r\n\r\n");
    }

    [Fact]
    public void an_empty_figure_is_an_empty_field()
    {
        var text = Encoding.UTF8.GetString(ReportCsv.Write(Report("Toàn tỉnh", null)));

        text.ShouldContain("\r\nToàn tỉnh,\r\n");
    }
}
