namespace Dossiers.Engine.Calendars;

/// <summary>A public holiday or a compensatory/swapped day off. <see cref="Note"/> carries doubts about the source.</summary>
public sealed record DayOff(DateOnly Date, string Name, string? Note = null);
