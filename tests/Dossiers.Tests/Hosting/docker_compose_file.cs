using System.Diagnostics;

namespace Dossiers.Tests.Hosting;

/// <summary>No Docker engine runs here, so the compose file is linted with docker-compose (installed by ./test.sh).</summary>
public class docker_compose_file
{
    [Fact]
    public async Task is_valid_compose()
    {
        var root = RepositoryRoot.Path;
        var lint = Process.Start(new ProcessStartInfo("docker-compose", ["-f", Path.Combine(root, "docker-compose.yml"), "config", "-q"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = root,
        })!;
        var errors = await lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();
        lint.ExitCode.ShouldBe(0, errors);
    }

    [Fact]
    public void declares_postgres_with_a_healthcheck_and_the_api()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"));
        compose.ShouldContain("image: postgres:15");
        compose.ShouldContain("healthcheck:");
        compose.ShouldContain("condition: service_healthy");
        File.Exists(Path.Combine(RepositoryRoot.Path, "Dockerfile")).ShouldBeTrue();
    }

    [Fact]
    public void scales_the_api_in_production_after_the_schema_is_applied_once()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"));
        compose.ShouldContain("\"127.0.0.1::8080\"");                 // a free host port per node: --scale works
        compose.ShouldNotContain("5080:8080");
        compose.ShouldContain("ASPNETCORE_ENVIRONMENT: Production");
        compose.ShouldContain("command: [\"resources\", \"setup\"]");
        compose.ShouldContain("condition: service_completed_successfully");
        compose.ShouldContain("${AUTH_SIGNING_KEY:-}");                // the key comes from .env, not from this file
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "scripts", "compose", "initdb.sh")).ShouldContain("CREATE ROLE dossiers LOGIN PASSWORD");   // no SUPERUSER
    }
}
