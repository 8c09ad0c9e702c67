using Dossiers.Api.Hosting;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Workflows;

namespace Dossiers.Api.Workflows;

/// <summary><c>workflows validate &lt;file or folder&gt;</c>: every problem, one per line; exit 1 when there is any.</summary>
public static class ValidateWorkflowsCommand
{
    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment environment, TextWriter output)
    {
        if (args is not [var argument])
        {
            output.WriteLine("usage: workflows validate <file or folder>");
            return 2;
        }
        var target = DataFolders.LocateArgument(argument, environment);
        var isFolder = Directory.Exists(target);
        if (!isFolder && !File.Exists(target))
        {
            output.WriteLine($"{target}: no such file or folder.");
            return 2;
        }
        var registryPath = RegistryFor(target, isFolder, configuration, environment);
        var agencies = AgencyRegistry.Load(registryPath);
        var files = isFolder ? WorkflowCatalog.DefinitionFiles(target).ToList() : [target];
        var problems = isFolder
            ? WorkflowCatalog.LoadFolder(target, agencies).Problems
            : WorkflowCatalog.LoadFile(target, agencies).Problems;

        foreach (var problem in problems) output.WriteLine(problem);
        output.WriteLine($"{files.Count} file(s) checked against {Path.GetFileName(registryPath)} ({agencies.All.Count} agencies): " +
                         (problems.Count == 0 ? "all valid." : $"{problems.Count} problem(s)."));
        return problems.Count == 0 ? 0 : 1;
    }

    // The registry beside the files wins; otherwise the product's own workflows/ folder.
    internal static string RegistryFor(string target, bool isFolder, IConfiguration configuration, IHostEnvironment environment)
    {
        var beside = Path.Combine(isFolder ? target : Path.GetDirectoryName(Path.GetFullPath(target))!, AgencyRegistry.FileName);
        return File.Exists(beside)
            ? beside
            : Path.Combine(WorkflowSetup.Folder(configuration, environment), AgencyRegistry.FileName);
    }
}
