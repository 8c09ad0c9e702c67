using Dossiers.Api.Hosting;
using Dossiers.Engine.Calendars;

namespace Dossiers.Api.Calendar;

public static class CalendarSetup
{
    /// <summary>The working calendar, loaded once at start-up; a bad file stops the start with its name and problem.</summary>
    public static WebApplicationBuilder AddWorkingCalendar(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(WorkingCalendar.Load(Folder(builder.Configuration, builder.Environment)));
        return builder;
    }

    /// <summary>The product's calendars/ folder: Calendars:Path, or found above the app.</summary>
    public static string Folder(IConfiguration configuration, IHostEnvironment environment) =>
        DataFolders.Resolve(configuration, environment, "Calendars:Path", "calendars");
}
