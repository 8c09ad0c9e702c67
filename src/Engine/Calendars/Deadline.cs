namespace Dossiers.Engine.Calendars;

/// <summary>A computed due instant (+07:00) and the calendar version that produced it, kept for audit.</summary>
public sealed record Deadline(DateTimeOffset DueAt, string CalendarVersion);
