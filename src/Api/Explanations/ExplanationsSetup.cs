using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;

namespace Dossiers.Api.Explanations;

/// <summary>A cause as configuration gives it (Explanations:Causes:n:Code, :Label, :RequiresText).</summary>
public sealed class LateCauseSetting
{
    public string? Code { get; set; }
    public string? Label { get; set; }
    public bool RequiresText { get; set; }
}

public static class ExplanationsSetup
{
    /// <summary>
    /// The rules explanation requests follow: <c>Explanations:AnswerWorkingDays</c> (2 by default) and
    /// <c>Explanations:Causes</c> (the five of <see cref="ExplanationRules.DefaultCauses"/> when none are configured; a
    /// configured list replaces them). A bad setting stops the start with its key, not the first request.
    /// </summary>
    public static WebApplicationBuilder AddExplanations(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Rules(builder.Configuration));
        return builder;
    }

    public static ExplanationRules Rules(IConfiguration configuration)
    {
        var section = configuration.GetSection("Explanations");
        var days = section.GetValue("AnswerWorkingDays", ExplanationRules.Default.AnswerTime.Amount);
        if (days <= 0 || days > ExplanationRules.MaxAnswerWorkingDays)
            throw new InvalidOperationException($"Explanations:AnswerWorkingDays must be more than 0 and at most {ExplanationRules.MaxAnswerWorkingDays}.");
        var configured = section.GetSection("Causes").Get<List<LateCauseSetting>>() ?? [];
        if (configured.Any(c => string.IsNullOrWhiteSpace(c.Code) || string.IsNullOrWhiteSpace(c.Label)))
            throw new InvalidOperationException("Each of Explanations:Causes needs a Code and a Label.");
        var causes = configured.Count == 0
            ? ExplanationRules.DefaultCauses
            : [.. configured.Select(c => new LateCause(c.Code!.Trim(), c.Label!.Trim(), c.RequiresText))];
        if (causes.Select(c => c.Code).Distinct(StringComparer.Ordinal).Count() != causes.Count)
            throw new InvalidOperationException("Explanations:Causes lists a Code twice.");
        return new ExplanationRules(Budget.WorkingDays(days), causes);
    }
}
