using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Dossiers.Api.Hosting;

/// <summary>OpenAPI at /openapi/v1.json and the reference UI at /docs, both open to anyone.</summary>
public static class ApiDocs
{
    public static WebApplicationBuilder AddDossierApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Dossier workflow engine",
                Version = "v1",
                Description = "One-stop administrative-procedure dossiers: intake, inter-agency hand-overs, SLA, audit.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A JWT with a role claim (desk, officer, auditor, integrator, controller, admin) and, for officers, an agency claim.",
            };
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapDossierApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/docs", options => options
            .WithTitle("Dossier workflow engine API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        return app;
    }
}
