using Dossiers.Tests.Fixtures;
using Dossiers.Tests.Nodes;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// The API loads Wolverine's adaptor code for its endpoints and handlers from src/Api/Internal/Generated instead of
/// compiling it at runtime. Wolverine cannot tell when that code has gone stale (a changed signature, middleware or
/// policy), so this regenerates it from the current build and compares: the committed code must be exactly that.
/// </summary>
public class when_generating_the_adaptor_code
{
    private static readonly string Committed = Path.Combine(RepositoryRoot.Path, "src", "Api", "Internal", "Generated");

    [Fact]
    public async Task the_committed_code_is_what_the_current_endpoints_and_handlers_generate()
    {
        var fresh = Directory.CreateTempSubdirectory("dossiers-codegen-").FullName;
        try
        {
            var (exitCode, output) = await ApiNode.Run(new ApiNode.Settings("codegen_check",
                Environment: new Dictionary<string, string> { ["CodeGeneration__OutputPath"] = fresh }), "codegen", "write");
            exitCode.ShouldBe(0, output);

            var expected = Files(fresh);
            expected.Keys.ShouldContain(Path.Combine("WolverineHandlers", "POST_api_dossiers_id_tasks_taskId_complete.cs"));
            var stale = Files(Committed);
            var advice = "The generated adaptor code is out of date: run ./scripts/codegen.sh and commit src/Api/Internal/Generated.";
            stale.Keys.Order().ShouldBe(expected.Keys.Order(), advice);
            foreach (var (file, text) in expected) stale[file].ShouldBe(text, $"{file}: {advice}");
        }
        finally
        {
            Directory.Delete(fresh, recursive: true);
        }
    }

    private static Dictionary<string, string> Files(string root) =>
        Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText)
            : [];
}
