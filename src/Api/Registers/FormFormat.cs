using Dossiers.Api.Dossiers;

namespace Dossiers.Api.Registers;

/// <summary>The formats a form is given in: JSON (the default) or printable HTML. Anything else is refused, not ignored.</summary>
public static class FormFormat
{
    public static readonly IReadOnlyList<string> Supported = ["json", "html"];

    /// <summary>406 naming the supported formats, for a format we do not produce (a PDF asked for must not come back as JSON).</summary>
    public static IResult? Refusal(string? format) =>
        format is null || Supported.Contains(format, StringComparer.OrdinalIgnoreCase)
            ? null
            : CommandResults.Invalid("format", $"must be one of {string.Join(", ", Supported)} (print the html to PDF).", StatusCodes.Status406NotAcceptable);

    public static bool IsHtml(string? format) => string.Equals(format, "html", StringComparison.OrdinalIgnoreCase);
}
