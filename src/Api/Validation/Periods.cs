using System.Globalization;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Calendars;

namespace Dossiers.Api.Validation;

/// <summary>Dates as reports take them: from..to, inclusive, as whole days in Vietnam (+07:00).</summary>
public sealed record Period(DateOnly First, DateOnly Last)
{
    public DateTimeOffset Start => new(First.ToDateTime(TimeOnly.MinValue), WorkingCalendar.VietnamOffset);
    public DateTimeOffset End => new(Last.AddDays(1).ToDateTime(TimeOnly.MinValue), WorkingCalendar.VietnamOffset);

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
}

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
