using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Sla;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Reports;

/// <summary>
/// The centre's periodic dossier report, per agency and for the province, as JSON, CSV or XLSX (docs/reports.md).
/// Figures come from the scorecard (<see cref="ScorecardQuery"/>): the report adds no rule of its own.
/// </summary>
public static class ReportEndpoints
{
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static readonly IReadOnlyList<string> Formats = ["json", "csv", "xlsx"];

    /// <summary>
    /// Dossiers received, resolved early / on time / late, in progress, overdue, withdrawn and stopped, from
    /// <paramref name="from"/> to <paramref name="to"/> (or one <paramref name="month"/>, <paramref name="quarter"/>,
    /// <paramref name="year"/>), split by <paramref name="period"/> (month, quarter, year) if given. Desk and officers
    /// get their own unit's report only.
    /// </summary>
    [WolverineGet("/api/reports/dossiers"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<DossierReport>(200), ProducesResponseType(400), ProducesResponseType(403), ProducesResponseType(406)]
    public static async Task<IResult> Dossiers(string? from, string? to, string? month, string? quarter, string? year, string? agency,
        string? procedure, string? level, string? period, string? format, HttpContext http, IQuerySession session, AgencyRegistries registries,
        TimeProvider clock, CancellationToken ct)
    {
        var actor = CurrentActor.From(http.User);
        if (actor.Role is Roles.Desk or Roles.Officer)
        {
            // Unit staff see their own unit's figures (as on their inbox), never another unit's or the province's rows.
            if (actor.Agency is null)
                return Results.Problem(statusCode: 403, title: "No unit", detail: "Your token names no unit; only controllers, auditors and admins read the province's report.");
            if (!string.IsNullOrWhiteSpace(agency) && agency != actor.Agency)
                return Results.Problem(statusCode: 403, title: "Not your agency", detail: $"You act for {actor.Agency}; this is the report of {agency}.");
            agency = actor.Agency;
        }
        if (!ScorecardQuery.TryParse(from, to, month, quarter, year, agency, procedure, level, registries, out var query, out var problem)) return problem!;
        PeriodUnit? unit = null;
        if (!string.IsNullOrEmpty(period))
        {
            if (!Enum.TryParse<PeriodUnit>(period, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || period.Any(char.IsDigit))
                return CommandResults.Invalid("period", "must be month, quarter or year.");
            unit = parsed;
        }
        var chosen = Format(format, http.Request.Headers.Accept.ToString());
        if (chosen is null)
            return CommandResults.Invalid("format", $"must be one of {string.Join(", ", Formats)}.", StatusCodes.Status406NotAcceptable);

        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var periods = unit is { } split
            ? query.Period.Split(split).Select(p => new ReportPeriod(Label(p, split), p)).ToList()
            : [new ReportPeriod($"{query.Period.First:yyyy-MM-dd}..{query.Period.Last:yyyy-MM-dd}", query.Period)];
        var context = new ReportContext(query, periods, session, registries, now);
        var sections = new List<ReportSection>();
        foreach (var builder in ReportSections.All) sections.Add(await builder.Build(context, ct));
        var report = new DossierReport(query.Period.First, query.Period.Last, unit?.ToString().ToLowerInvariant(), query.Filter.Agency, query.Filter.Procedure,
            query.Filter.Level, now, sections);

        var name = $"bao-cao-ho-so_{query.Period.First:yyyy-MM-dd}_{query.Period.Last:yyyy-MM-dd}{(query.Filter.Agency is { } a ? "_" + a : "")}";
        return chosen switch
        {
            "csv" => Results.File(ReportCsv.Write(report), "text/csv; charset=utf-8", $"{name}.csv"),
            "xlsx" => Results.File(ReportXlsx.Write(report), Xlsx, $"{name}.xlsx"),
            _ => Results.Ok(report),
        };
    }

    /// <summary><paramref name="format"/> when given (null if unknown); otherwise what the Accept header prefers among ours, JSON by default.</summary>
    private static string? Format(string? format, string accept)
    {
        if (!string.IsNullOrEmpty(format))
            return Formats.FirstOrDefault(f => f.Equals(format, StringComparison.OrdinalIgnoreCase));
        if (accept.Contains("text/csv", StringComparison.OrdinalIgnoreCase)) return "csv";
        if (accept.Contains(Xlsx, StringComparison.OrdinalIgnoreCase)) return "xlsx";
        return "json";
    }

    private static string Label(Period period, PeriodUnit unit) => unit switch
    {
        PeriodUnit.Month => $"{period.First:yyyy-MM}",
        PeriodUnit.Quarter => $"{period.First.Year}-Q{(period.First.Month - 1) / 3 + 1}",
        _ => $"{period.First.Year}",
    };
}
