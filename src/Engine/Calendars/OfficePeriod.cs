using System.Globalization;

namespace Dossiers.Engine.Calendars;

/// <summary>One stretch of office time within a day, e.g. 07:00–11:30. Closing is exclusive when counting forward.</summary>
public readonly record struct OfficePeriod
{
    public OfficePeriod(TimeOnly opens, TimeOnly closes)
    {
        if (closes <= opens)
            throw new ArgumentException($"An office period must close after it opens ({opens:HH\\:mm}–{closes:HH\\:mm}).");
        Opens = opens;
        Closes = closes;
    }

    public TimeOnly Opens { get; }
    public TimeOnly Closes { get; }

    /// <summary>Reads "07:00-11:30".</summary>
    public static OfficePeriod Parse(string text)
    {
        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var opens)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var closes))
            throw new FormatException($"Office period '{text}' is not in the form \"HH:mm-HH:mm\".");
        return new OfficePeriod(opens, closes);
    }

    public override string ToString() => $"{Opens:HH\\:mm}-{Closes:HH\\:mm}";
}
