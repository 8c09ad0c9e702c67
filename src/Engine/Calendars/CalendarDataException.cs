namespace Dossiers.Engine.Calendars;

/// <summary>A calendar file or calendar set that cannot be used; the message names the file and the problem.</summary>
public sealed class CalendarDataException(string message, Exception? inner = null) : Exception(message, inner);
