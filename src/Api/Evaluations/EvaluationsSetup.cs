using Dossiers.Api.Files;
using Dossiers.Projections.Evaluation;

namespace Dossiers.Api.Evaluations;

public static class EvaluationsSetup
{
    /// <summary>The citizen's evaluation codes, keyed from the receipt's secret (<see cref="ResultLinks"/>).</summary>
    public static WebApplicationBuilder AddCitizenEvaluation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new EvaluationTokens(services.GetRequiredService<ResultLinks>()));
        builder.Services.AddSingleton(AgencyEvaluationRules(builder.Configuration));
        return builder;
    }

    /// <summary>
    /// The agency and officer evaluation's weights and thresholds (<c>AgencyEvaluation:*</c>; docs/control.md): the
    /// defaults of <see cref="EvaluationRules"/> for what is not configured. A bad setting stops the start with its key.
    /// </summary>
    public static EvaluationRules AgencyEvaluationRules(IConfiguration configuration)
    {
        var section = configuration.GetSection("AgencyEvaluation");
        var defaults = EvaluationRules.Default;
        var weights = section.GetSection("Weights").GetChildren().ToDictionary(w => w.Key, w => decimal.TryParse(w.Value,
            System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var weight) ? weight
            : throw new InvalidOperationException($"AgencyEvaluation:Weights:{w.Key} must be a number."));
        var rules = new EvaluationRules(weights,
            section.GetValue(nameof(EvaluationRules.FeedbackGoodRate), defaults.FeedbackGoodRate),
            section.GetValue(nameof(EvaluationRules.FeedbackPassRate), defaults.FeedbackPassRate),
            section.GetValue(nameof(EvaluationRules.ExplanationsGoodRequests), defaults.ExplanationsGoodRequests),
            section.GetValue(nameof(EvaluationRules.ExplanationsPassLate), defaults.ExplanationsPassLate),
            section.GetValue(nameof(EvaluationRules.GoodFrom), defaults.GoodFrom),
            section.GetValue(nameof(EvaluationRules.PassFrom), defaults.PassFrom));
        return rules.Problem() is { } problem ? throw new InvalidOperationException(problem) : rules;
    }
}
