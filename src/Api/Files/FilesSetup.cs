namespace Dossiers.Api.Files;

public static class FilesSetup
{
    /// <summary>The file store (PostgreSQL), the upload limits and the result links; refuses to start without a link secret in Production.</summary>
    public static WebApplicationBuilder AddDossierFiles(this WebApplicationBuilder builder)
    {
        // Built here, not on first use: a Production node without Lookup:ResultLinkSecret refuses to start.
        builder.Services.AddSingleton(new ResultLinks(builder.Configuration, builder.Environment));
        builder.Services.AddSingleton<FileLimits>();
        builder.Services.AddSingleton<IFileStore>(services => new PostgresFileStore(services.GetRequiredService<Npgsql.NpgsqlDataSource>(),
            services.GetRequiredService<Marten.IDocumentStore>().Options.DatabaseSchemaName));
        builder.Services.AddSingleton<FileUploads>();
        return builder;
    }
}
