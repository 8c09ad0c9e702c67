using Dossiers.Tests.Engine.Workflows;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Nodes;

/// <summary>
/// The service does not start on a workflows/ folder with a broken file, and says why as an integrator can act on it:
/// each problem on a line with its file and activity, exit code 1, no stack trace (issue 15: a file in Elsa's flat
/// connection shape used to abort the start-up with an unhandled exception).
/// </summary>
public class when_the_workflow_folder_is_broken
{
    [Fact]
    public async Task the_service_refuses_to_start_naming_each_problem()
    {
        var folder = Directory.CreateTempSubdirectory("workflows-").FullName;
        try
        {
            var shipped = Path.Combine(RepositoryRoot.Path, "workflows");
            foreach (var file in Directory.EnumerateFiles(shipped, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(folder, Path.GetRelativePath(shipped, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            var export = ElsaExports.Files.Single(f => f.EndsWith("elsa-3.1-implicit-loop.json"));
            File.Copy(export, Path.Combine(folder, Path.GetFileName(export)));

            var (exitCode, printed) = await ApiNode.Run(new ApiNode.Settings("broken_workflows",
                Environment: new Dictionary<string, string> { ["Workflows__Path"] = folder }));

            exitCode.ShouldBe(1, printed);
            printed.ShouldContain("elsa-3.1-implicit-loop.json [SetVariable1]: Activity 'SetVariable1' has type 'Elsa.SetVariable'");
            printed.ShouldNotContain("   at ");
            printed.ShouldNotContain("Unhandled exception");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
