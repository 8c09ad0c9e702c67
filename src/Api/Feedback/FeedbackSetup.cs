using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Feedback;

namespace Dossiers.Api.Feedback;

public static class FeedbackSetup
{
    /// <summary>
    /// The feedback services and the QĐ 766 time limits, each overridable in working days:
    /// Feedback:RefusalWorkingDays (2), Feedback:SupplementRequestWorkingDays (5), Feedback:ResolutionWorkingDays (15),
    /// Feedback:PublicationWorkingDays (2). A value that is not a number from 0 to 3650 stops the start, naming the key.
    /// </summary>
    public static WebApplicationBuilder AddCitizenFeedback(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeLimits(builder.Configuration));
        builder.Services.AddSingleton<FeedbackPipeline>();
        return builder;
    }

    public static FeedbackTimeLimits TimeLimits(IConfiguration configuration)
    {
        var defaults = FeedbackTimeLimits.Default;
        return new FeedbackTimeLimits(
            Days(configuration, "Feedback:RefusalWorkingDays", defaults.Refusal),
            Days(configuration, "Feedback:SupplementRequestWorkingDays", defaults.SupplementRequest),
            Days(configuration, "Feedback:ResolutionWorkingDays", defaults.Resolution),
            Days(configuration, "Feedback:PublicationWorkingDays", defaults.Publication));
    }

    private static Budget Days(IConfiguration configuration, string key, Budget fallback)
    {
        if (configuration[key] is not { Length: > 0 } text) return fallback;
        return decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var days)
               && days is >= 0 and <= 3650
            ? Budget.WorkingDays(days)
            : throw new InvalidOperationException($"{key} must be a number of working days from 0 to 3650; it is '{text}'.");
    }
}
