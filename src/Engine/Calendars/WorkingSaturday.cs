namespace Dossiers.Engine.Calendars;

/// <summary>
/// A Saturday worked in exchange for a weekday off (hoán đổi). It keeps the office hours of the weekday it replaces,
/// or Monday's hours when no weekday is named.
/// </summary>
public sealed record WorkingSaturday(DateOnly Date, string Name, DateOnly? Replaces = null, string? Note = null);
