using Dossiers.Api.Hosting;
using Dossiers.Engine.Calendars;

namespace Dossiers.Api.Calendar;

public static class CalendarSetup
{
    /// <summary>The working calendar, loaded once at start-up; a bad file stops the start with its name and problem.</summary>
    public static WebApplicationBuilder AddWorkingCalendar(this WebApplicationBuilder builder)
    {
        var folder = DataFolders.Resolve(builder.Configuration, builder.Environment, "Calendars:Path", "calendars");
        builder.Services.AddSingleton(WorkingCalendar.Load(folder));
        return builder;
    }
}
