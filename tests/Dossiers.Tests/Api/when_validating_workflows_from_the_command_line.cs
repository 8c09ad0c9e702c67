using System.Text.Json.Nodes;
using Dossiers.Api.Workflows;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Dossiers.Tests.Api;

public class when_validating_workflows_from_the_command_line(AppFixture fixture) : IntegrationContext(fixture)
{
    private (int Exit, string Output) Run(string target)
    {
        var output = new StringWriter();
        var exit = ValidateWorkflowsCommand.Run([target], Host.Services.GetRequiredService<IConfiguration>(),
            Host.Services.GetRequiredService<IHostEnvironment>(), output);
        return (exit, output.ToString());
    }

    [Fact]
    public void the_shipped_folder_is_valid()
    {
        var (exit, output) = Run(Path.Combine(RepositoryRoot.Path, "workflows"));
        exit.ShouldBe(0, output);
        output.ShouldContain("all valid");
    }

    [Fact]
    public void a_broken_file_exits_non_zero_naming_the_file_and_activity()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "workflows", "1.004194-tam-tru.v1.json")))!.AsObject();
        var task = json["root"]!["activities"]!.AsArray().First(a => a!["type"]!.GetValue<string>() == "Dossier.Task")!;
        task["type"] = "Elsa.SendEmail";
        var file = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.v1.json");
        File.WriteAllText(file, json.ToJsonString());
        try
        {
            var (exit, output) = Run(file);
            exit.ShouldBe(1);
            output.ShouldContain(Path.GetFileName(file));
            output.ShouldContain($"[{task["id"]!.GetValue<string>()}]");
            output.ShouldContain("Elsa.SendEmail");
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void a_folder_of_real_elsa_exports_is_validated_to_its_last_file()
    {
        // Every unmodified Elsa export beside one valid definition: each refused file is named, none stops the run.
        var folder = Directory.CreateTempSubdirectory("elsa-exports-").FullName;
        try
        {
            foreach (var export in Engine.Workflows.ElsaExports.Files) File.Copy(export, Path.Combine(folder, Path.GetFileName(export)));
            File.Copy(Path.Combine(RepositoryRoot.Path, "workflows", "1.004194-tam-tru.v1.json"), Path.Combine(folder, "zz-1.004194-tam-tru.v1.json"));

            var (exit, output) = Run(folder);

            exit.ShouldBe(1, output);
            foreach (var export in Engine.Workflows.ElsaExports.Files) output.ShouldContain(Path.GetFileName(export) + " ");
            output.ShouldNotContain("zz-1.004194");
            output.ShouldContain($"{Engine.Workflows.ElsaExports.Files.Count + 1} file(s) checked");
            output.ShouldNotContain("   at ");
        }
        finally { Directory.Delete(folder, recursive: true); }
    }
}
