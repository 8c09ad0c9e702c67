using Dossiers.Api.Files;

namespace Dossiers.Api.Evaluations;

public static class EvaluationsSetup
{
    /// <summary>The citizen's evaluation codes, keyed from the receipt's secret (<see cref="ResultLinks"/>).</summary>
    public static WebApplicationBuilder AddCitizenEvaluation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new EvaluationTokens(services.GetRequiredService<ResultLinks>()));
        return builder;
    }
}
