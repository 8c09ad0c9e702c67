namespace Dossiers.Engine.Calendars;

/// <summary>Reads unit names from untrusted text (HTTP, workflow files), case-insensitively.</summary>
public static class TimeUnitParser
{
    private static readonly TimeUnit[] All = Enum.GetValues<TimeUnit>();

    public static string ExpectedValues { get; } = string.Join(", ", All);

    // Enum.TryParse would also accept "1" or "WorkingDays,SameDay"; only the names themselves are valid here.
    public static bool TryParse(string? text, out TimeUnit unit)
    {
        var trimmed = text?.Trim();
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase))
            {
                unit = candidate;
                return true;
            }
        }
        unit = default;
        return false;
    }

    public static TimeUnit Parse(string? text) =>
        TryParse(text, out var unit)
            ? unit
            : throw new FormatException(
                text is null
                    ? $"A time unit is required. Expected one of: {ExpectedValues}."
                    : $"Unknown time unit '{text}'. Expected one of: {ExpectedValues}.");
}
