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
        });
        return app;
    }
}
