using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text;

namespace Dossiers.Api.Registers;

/// <summary>A plain, printable A4/A5 page: a title block, labelled fields and a table. Every value is HTML-encoded.</summary>
public sealed class PrintablePage(string title, string form)
{
    private readonly StringBuilder _body = new();

    public PrintablePage Field(string label, object? value)
    {
        _body.Append("<p><b>").Append(Encode(label)).Append(":</b> ").Append(Encode(Text(value))).Append("</p>\n");
        return this;
    }

    public PrintablePage Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<object?>> rows)
    {
        _body.Append("<table><thead><tr>");
        foreach (var header in headers) _body.Append("<th>").Append(Encode(header)).Append("</th>");
        _body.Append("</tr></thead><tbody>\n");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row) _body.Append("<td>").Append(Encode(Text(cell))).Append("</td>");
            _body.Append("</tr>\n");
        }
        _body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>The block every notice to the applicant opens with: who writes, the notice's number and date, whose dossier.</summary>
    public PrintablePage Heading(NoticeHeading dossier, int? number, DateTimeOffset at) =>
        Field("Cơ quan", dossier.AgencyName ?? dossier.Agency)
            .Field("Số", number is { } n ? $"{n:00}/{dossier.Code}" : dossier.Code)
            .Field("Ngày", at)
            .Field("Hồ sơ của", dossier.Applicant).Field("Địa chỉ", dossier.Address)
            .Field("Mã hồ sơ", dossier.Code)
            .Field("Nội dung yêu cầu giải quyết", $"{dossier.ProcedureName} ({dossier.ProcedureCode})");

    public PrintablePage Signatures(params string[] roles)
    {
        _body.Append("<div class=\"signatures\">");
        foreach (var role in roles) _body.Append("<div><b>").Append(Encode(role)).Append("</b><br/>(Ký, ghi rõ họ tên)</div>");
        _body.Append("</div>\n");
        return this;
    }

    public IResult Result() => Results.Content(
        $$"""
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"/><title>{{Encode(title)}}</title>
        <style>
          body { font-family: "Times New Roman", serif; margin: 2em; } h1 { font-size: 1.3em; text-align: center; }
          .form { text-align: right; font-style: italic; } table { border-collapse: collapse; width: 100%; }
          th, td { border: 1px solid #000; padding: 4px; font-size: 0.9em; vertical-align: top; }
          .signatures { display: flex; justify-content: space-around; margin-top: 3em; text-align: center; }
          @media print { body { margin: 0; } }
        </style></head>
        <body><p class="form">{{Encode(form)}}</p><h1>{{Encode(title)}}</h1>
        {{_body}}</body></html>
        """, "text/html; charset=utf-8");

    /// <summary>Dates as Vietnamese forms print them: "09 giờ 15 phút, ngày 02/03/2026".</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        DateTimeOffset at => $"{at:HH} giờ {at:mm} phút, ngày {at:dd/MM/yyyy}",
        _ => value.ToString() ?? "",
    };

    // Vietnamese letters stay readable; only markup characters are escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string text) => Encoder.Encode(text);
}
