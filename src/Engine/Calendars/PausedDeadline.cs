namespace Dossiers.Engine.Calendars;

/// <summary>
/// A stopped clock (supplementation, financial obligation). <see cref="Remaining"/> is the office time left at the
/// pause; it is negative when the pause came after the due instant, so lateness survives the pause.
/// </summary>
public sealed record PausedDeadline(DateTimeOffset PausedAt, DateTimeOffset DueAt, TimeSpan Remaining, string CalendarVersion);
