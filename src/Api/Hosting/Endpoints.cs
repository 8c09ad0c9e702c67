using Wolverine.Http;

namespace Dossiers.Api.Hosting;

public static class Endpoints
{
    public static WebApplication MapDossierEndpoints(this WebApplication app)
    {
        app.MapWolverineEndpoints(options =>
        {
            // Every Wolverine endpoint is born requiring a token; each one then names its roles.
            options.RequireAuthorizeOnAll();
            // A query value that does not parse is a 400, not a silently defaulted parameter.
            options.RejectUnparseableQueryValues = true;
            options.RejectUnparseableHeaderValues = true;
            // A write that lost an optimistic race (two approvals of one workflow at once) is a 409, not a 500.
            options.MapConcurrencyFailuresToConflict();
            options.AddMiddleware(typeof(StreamLockToConflict), chain => chain.IsTransactional);
        });
        return app;
    }
}

/// <summary>A stream lock that could not be had in time is a conflict to retry, not a server error.</summary>
public static class StreamLockToConflict
{
    public static Microsoft.AspNetCore.Mvc.ProblemDetails OnException(Marten.Exceptions.StreamLockedException _) =>
        new() { Status = 409, Title = "The dossier is busy", Detail = "Another change to it is in progress; try again in a moment." };
}
