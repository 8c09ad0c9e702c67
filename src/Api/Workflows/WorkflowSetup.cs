using Dossiers.Api.Hosting;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Workflows;

namespace Dossiers.Api.Workflows;

public static class WorkflowSetup
{
    /// <summary>
    /// Loads the agency registries (the current one and those older dossiers were accepted under) and every definition in workflows/ as published. A file with a problem stops the
    /// start-up with the file, the activity and what to do: a broken route must never reach a citizen's dossier.
    /// </summary>
    public static WebApplicationBuilder AddWorkflows(this WebApplicationBuilder builder)
    {
        var folder = Folder(builder.Configuration, builder.Environment);
        var registries = AgencyRegistries.Load(folder);
        var agencies = registries.Current;
        var (catalog, problems) = WorkflowCatalog.LoadFolder(folder, agencies);
        if (problems.Count > 0)
            throw new WorkflowsNotValid($"The workflows in {folder} are not valid:\n" + string.Join("\n", problems));
        builder.Services.AddSingleton(registries);
        builder.Services.AddSingleton(agencies);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton<WorkflowLibrary>();
        return builder;
    }

    /// <summary>The product's workflows/ folder (definitions and agency registries): Workflows:Path, or found above the app.</summary>
    public static string Folder(IConfiguration configuration, IHostEnvironment environment) =>
        DataFolders.Resolve(configuration, environment, "Workflows:Path", "workflows");
}

/// <summary>The service does not start on a broken workflow folder; the message lists every problem, one per line.</summary>
public sealed class WorkflowsNotValid(string message) : Exception(message);
