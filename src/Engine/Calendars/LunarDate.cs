namespace Dossiers.Engine.Calendars;

/// <summary>A date of the Vietnamese lunisolar calendar. <see cref="Year"/> is the lunar year that starts at its Tết.</summary>
public readonly record struct LunarDate(int Year, int Month, int Day, bool IsLeapMonth = false);
