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
        if (role is Roles.Officer or Roles.Desk && !options.ContainsKey("agency"))
        {
            Console.Error.WriteLine($"A {role} token needs --agency <code>: the unit the person works at.");
            return 2;
        }
        if (role == Roles.Portal && options.ContainsKey("agency"))
        {
            Console.Error.WriteLine("A portal token names no unit: the national portal submits to the centre each applicant chose.");
            return 2;
        }
        if (options.GetValueOrDefault("position") is { } position && (position != Positions.Leader || role is not (Roles.Officer or Roles.Desk)))
        {
            Console.Error.WriteLine($"--position takes {Positions.Leader}, for an officer or desk token: the leaders of a unit.");
            return 2;
        }
        if (options.GetValueOrDefault("agency") is { } agency && Refusal(agency, role, configuration, environment) is { } refusal)
        {
            Console.Error.WriteLine(refusal);
            return 2;
        }
        Console.WriteLine(DevelopmentTokens.Mint(AuthSettings.From(configuration), role, options.GetValueOrDefault("agency"), options.GetValueOrDefault("user"),
            position: options.GetValueOrDefault("position")));
        return 0;
    }

    /// <summary>A token must name a unit of the current registry, and a desk token a service centre.</summary>
    private static string? Refusal(string agency, string role, IConfiguration configuration, IHostEnvironment environment)
    {
        var registry = AgencyRegistry.Load(Path.Combine(WorkflowSetup.Folder(configuration, environment), AgencyRegistry.FileName));
        return registry.Find(agency) switch
        {
            null => $"Agency '{agency}' is not in the agency registry ({registry.Version}); see workflows/{AgencyRegistry.FileName}.",
            { Kind: not AgencyKinds.ServiceCentre } unit when role == Roles.Desk =>
                $"A desk works at a service centre; {agency} ({unit.ShortName ?? unit.Name}) is a {unit.Kind}.",
            _ => null,
        };
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
            if (args[i].StartsWith("--")) options[args[i][2..]] = args[i + 1];
        return options;
    }
}
