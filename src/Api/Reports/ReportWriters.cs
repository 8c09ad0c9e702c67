using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Dossiers.Api.Reports;

/// <summary>
/// CSV: UTF-8 with a byte-order mark (Excel then reads the Vietnamese), RFC 4180 (CRLF, fields with a comma, quote or
/// line break quoted, quotes doubled). Each section is a block: its title, its headings, its rows, then an empty line.
/// Numbers use a dot for decimals and no grouping.
/// </summary>
public static class ReportCsv
{
    public static byte[] Write(DossierReport report)
    {
        var text = new StringBuilder();
        foreach (var section in report.Sections)
        {
            Line(text, [section.Title]);
            Line(text, section.Columns.Select(c => c.Heading));
            foreach (var row in section.Rows)
                Line(text, section.Columns.Select(c => Text(row.GetValueOrDefault(c.Key))));
            text.Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>A cell as text, the same in CSV and in the JSON figures: invariant numbers, empty for none.</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void Line(StringBuilder text, IEnumerable<string> fields) =>
        text.Append(string.Join(',', fields.Select(Field))).Append("\r\n");

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}

/// <summary>
/// XLSX through the Open XML SDK: one worksheet per section, its title in row 1, the headings in row 2 and the rows
/// from row 3; counts and percentages as numbers, text as inline strings.
/// </summary>
public static class ReportXlsx
{
    public static byte[] Write(DossierReport report)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var section in report.Sections)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.Append(Row(1, [Text(section.Title)]));
                data.Append(Row(2, section.Columns.Select(c => Text(c.Heading))));
                uint number = 3;
                foreach (var row in section.Rows)
                    data.Append(Row(number++, section.Columns.Select(c => Cell(c, row.GetValueOrDefault(c.Key)))));
                part.Worksheet = new Worksheet(data);
                sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = SheetName(section.Title, id) });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row Row(uint index, IEnumerable<Cell> cells)
    {
        var row = new Row { RowIndex = index };
        var column = 0;
        foreach (var cell in cells)
        {
            cell.CellReference = $"{ColumnName(column++)}{index}";
            row.Append(cell);
        }
        return row;
    }

    private static Cell Cell(ReportColumn column, object? value) => value switch
    {
        null => new Cell(),
        int or long or decimal or double when column.Kind != CellKind.Text =>
            new Cell { DataType = CellValues.Number, CellValue = new CellValue(ReportCsv.Text(value)) },
        _ => Text(ReportCsv.Text(value)),
    };

    private static Cell Text(string text) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(text)) };

    private static string ColumnName(int index) => index < 26 ? $"{(char)('A' + index)}" : $"{ColumnName(index / 26 - 1)}{(char)('A' + index % 26)}";

    /// <summary>Excel allows 31 characters and none of []:*?/\ in a sheet name; the number keeps names unique.</summary>
    private static string SheetName(string title, uint id)
    {
        var clean = new string([.. title.Where(c => "[]:*?/\\".IndexOf(c) < 0)]);
        return clean.Length <= 31 ? clean : $"{clean[..27].TrimEnd()} {id - 1}";
    }
}
