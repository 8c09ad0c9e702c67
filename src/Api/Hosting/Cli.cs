using Dossiers.Api.Auth;
using Dossiers.Api.Workflows;
using Dossiers.Api.Workflows.Rehearsal;
using Dossiers.Engine.Agencies;

namespace Dossiers.Api.Hosting;

/// <summary>Our own command-line verbs; anything else goes to JasperFx's commands (codegen, db-apply …) or starts the API.</summary>
public static class Cli
{
    public static int? TryRun(string[] args, IConfiguration configuration, IHostEnvironment environment) => args switch
    {
        ["token", .. var rest] => Token(rest, configuration, environment),
        ["workflows", "validate", .. var rest] => ValidateWorkflowsCommand.Run(rest, configuration, environment, Console.Out),
        ["workflows", "simulate", .. var rest] => RehearseWorkflowCommand.Run(rest, configuration, environment, Console.Out, TimeProvider.System),
        _ => null,
    };

    private static int Token(string[] args, IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsProduction())
        {
            Console.Error.WriteLine("The token command only runs outside Production: production tokens come from the identity provider.");
            return 2;
        }
        var options = Options(args);
        if (!options.TryGetValue("role", out var role) || !Roles.All.Contains(role))
        {
            Console.Error.WriteLine($"usage: token --role <{string.Join('|', Roles.All)}> [--agency <code>] [--user <name>] [--position leader]");
            return 2;
        }
        var (agency, position) = (options.GetValueOrDefault("agency"), options.GetValueOrDefault("position"));
        if (DevelopmentTokens.Refusal(role, agency,
                () => AgencyRegistry.Load(Path.Combine(WorkflowSetup.Folder(configuration, environment), AgencyRegistry.FileName)), position) is { } refusal)
        {
            Console.Error.WriteLine(refusal);
            return 2;
        }
        Console.WriteLine(DevelopmentTokens.Mint(AuthSettings.From(configuration), role, agency, options.GetValueOrDefault("user"), position: position));
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
            if (args[i].StartsWith("--")) options[args[i][2..]] = args[i + 1];
        return options;
    }
}
