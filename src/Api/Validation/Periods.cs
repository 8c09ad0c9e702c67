using System.Globalization;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Calendars;

namespace Dossiers.Api.Validation;

/// <summary>Dates as reports take them: from..to, inclusive, as whole days in Vietnam (+07:00).</summary>
public sealed record Period(DateOnly First, DateOnly Last)
{
    public DateTimeOffset Start => new(First.ToDateTime(TimeOnly.MinValue), WorkingCalendar.VietnamOffset);
    public DateTimeOffset End => new(Last.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingCalendar.VietnamOffset);

    /// <summary><see cref="Start"/> in milliseconds since 1970: what the read models' stored <c>…Order</c> keys compare with.</summary>
    public long StartOrder => Start.ToUnixTimeMilliseconds();

    /// <summary><see cref="End"/> in milliseconds since 1970.</summary>
    public long EndOrder => End.ToUnixTimeMilliseconds();

    /// <summary>The period, or a 400 naming the parameter that is wrong.</summary>
    public static bool TryParse(string? from, string? to, int maxDays, out Period period, out IResult? problem)
    {
        period = new Period(default, default);
        problem = null;
        if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", out var first)) problem = CommandResults.Invalid("from", "must be a date, yyyy-MM-dd.");
        else if (!DateOnly.TryParseExact(to, "yyyy-MM-dd", out var last)) problem = CommandResults.Invalid("to", "must be a date, yyyy-MM-dd.");
        else if (last < first || last.DayNumber - first.DayNumber > maxDays)
            problem = CommandResults.Invalid("to", $"must be on or after from, within {maxDays} days.");
        else period = new Period(first, last);
        return problem is null;
    }

    /// <summary>
    /// The period as from..to, or as one calendar <paramref name="month"/> (yyyy-MM), <paramref name="quarter"/>
    /// (yyyy-Qn) or <paramref name="year"/> (yyyy); exactly one way. Otherwise a 400 naming the parameter.
    /// </summary>
    public static bool TryParse(string? from, string? to, string? month, string? quarter, string? year, int maxDays, out Period period, out IResult? problem)
    {
        period = new Period(default, default);
        problem = null;
        var given = new (string Name, string? Value)[] { ("month", month), ("quarter", quarter), ("year", year) }.Where(p => !string.IsNullOrEmpty(p.Value)).ToList();
        if (given.Count == 0) return TryParse(from, to, maxDays, out period, out problem);
        if (given.Count > 1 || from is not null || to is not null)
            problem = CommandResults.Invalid(given[^1].Name, "give the period once: from and to, or one of month, quarter, year.");
        else if (month is not null)
        {
            if (DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
                period = new Period(first, first.AddMonths(1).AddDays(-1));
            else problem = CommandResults.Invalid("month", "must be a month, yyyy-MM.");
        }
        else if (quarter is not null)
        {
            if (quarter.Length == 7 && quarter[4..6] is "-Q" && int.TryParse(quarter[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
                && y is >= 2000 and <= 9998 && quarter[6] is >= '1' and <= '4')
            {
                var first = new DateOnly(y, 3 * (quarter[6] - '1') + 1, 1);
                period = new Period(first, first.AddMonths(3).AddDays(-1));
            }
            else problem = CommandResults.Invalid("quarter", "must be a quarter, yyyy-Qn (n from 1 to 4).");
        }
        else if (year!.Length == 4 && int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var whole) && whole is >= 2000 and <= 9998)
            period = new Period(new DateOnly(whole, 1, 1), new DateOnly(whole, 12, 31));
        else problem = CommandResults.Invalid("year", "must be a year, yyyy.");
        return problem is null;
    }

    /// <summary>The calendar months, quarters or years this period spans, each cut to the period's own first and last day.</summary>
    public IReadOnlyList<Period> Split(PeriodUnit unit)
    {
        var parts = new List<Period>();
        for (var first = First; first <= Last;)
        {
            var startOfUnit = unit switch
            {
                PeriodUnit.Month => new DateOnly(first.Year, first.Month, 1),
                PeriodUnit.Quarter => new DateOnly(first.Year, (first.Month - 1) / 3 * 3 + 1, 1),
                _ => new DateOnly(first.Year, 1, 1),
            };
            var next = unit switch { PeriodUnit.Month => startOfUnit.AddMonths(1), PeriodUnit.Quarter => startOfUnit.AddMonths(3), _ => startOfUnit.AddYears(1) };
            var last = next.AddDays(-1) < Last ? next.AddDays(-1) : Last;
            parts.Add(new Period(first, last));
            first = next;
        }
        return parts;
    }
}

/// <summary>How a report splits its period into rows of calendar periods.</summary>
public enum PeriodUnit { Month, Quarter, Year }

/// <summary>ISO 8601 date-times that must say their offset: a bare local time would be read in the server's zone.</summary>
public static class Instants
{
    public static bool TryParse(string? text, out DateTimeOffset instant)
    {
        instant = default;
        return text is not null && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }
}
