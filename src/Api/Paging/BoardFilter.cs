using System.Text.RegularExpressions;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;

namespace Dossiers.Api.Paging;

/// <summary>
/// The filters the boards and lists share: an <c>agency</c> of the registry, a <c>procedure</c> code, a <c>level</c>
/// (province or commune: the agencies the registry puts at that level) and a <c>from</c>..<c>to</c> period of whole
/// Vietnam days. Each list says which date the period is about (docs/paging.md).
/// </summary>
public sealed partial record BoardFilter(string? Agency, string? Procedure, string? Level, string[] LevelAgencies, Period? Period)
{
    /// <summary>Longest period a board takes, as the scorecard and the hand-off matrix.</summary>
    public const int MaxDays = 3660;

    /// <summary>
    /// Reads the filters, adding what is wrong to <paramref name="check"/> under their names. A filter the list does
    /// not take is passed as null by its endpoint.
    /// </summary>
    public static BoardFilter Read(RequestCheck check, AgencyRegistry agencies, string? agency, string? procedure, string? level,
        string? from, string? to, int maxDays = MaxDays)
    {
        if (agency is not null && !agencies.Contains(agency)) check.Fail("agency", "is not in the agency registry.");
        if (procedure is not null && !IsProcedureCode(procedure)) check.Fail("procedure", "must be a procedure code, e.g. 1.004222.");
        if (level is not null && level is not AgencyLevels.Province and not AgencyLevels.Commune)
            check.Fail("level", $"must be {AgencyLevels.Province} or {AgencyLevels.Commune}.");
        Period? period = null;
        if (from is not null || to is not null)
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", out var first)) check.Fail("from", "must be a date, yyyy-MM-dd.");
            else if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", out var last)) check.Fail("to", "must be a date, yyyy-MM-dd.");
            else if (last < first || last.DayNumber - first.DayNumber > maxDays) check.Fail("to", $"must be on or after from, within {maxDays} days.");
            else period = new Period(first, last);
        }
        var atLevel = level is null ? [] : agencies.All.Where(a => a.Level == level).Select(a => a.Code).Order(StringComparer.Ordinal).ToArray();
        return new BoardFilter(agency, procedure, level, atLevel, period);
    }

    /// <summary>No filter: every row of the list.</summary>
    public static readonly BoardFilter None = new(null, null, null, [], null);

    /// <summary>What a cursor is bound to: the same filters, whatever order they came in.</summary>
    public object?[] Fingerprint => [Agency, Procedure, Level, Period?.First, Period?.Last];

    public static bool IsProcedureCode(string text) => ProcedurePattern().IsMatch(text);

    [GeneratedRegex(@"^[A-Za-z0-9.\-_]{1,50}$")]
    private static partial Regex ProcedurePattern();
}
