using System.Globalization;
using Dossiers.Api.Calendar;
using Dossiers.Api.Hosting;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;
using Dossiers.Engine.Workflows.Rehearsal;

namespace Dossiers.Api.Workflows.Rehearsal;

/// <summary>
/// <c>workflows simulate &lt;file&gt; [--start &lt;iso&gt;] [--outcome &lt;activity&gt;=&lt;Port&gt;]...</c>: every path of one
/// file, step by step with its agency and due time, then "fits" or "LATE by N working hours". Exit 0 when every path
/// fits, 1 when one does not or the file is invalid, 2 on a usage error.
/// </summary>
public static class RehearseWorkflowCommand
{
    public const string Usage = "usage: workflows simulate <file> [--start <iso 8601 with offset>] [--outcome <activity>=<Port>]... " +
                                "[--receiving-centre <code>] [--commune <code>]";

    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment environment, TextWriter output, TimeProvider clock)
    {
        if (Parse(args) is not { } options)
        {
            output.WriteLine(Usage);
            return 2;
        }
        var target = DataFolders.LocateArgument(options.File, environment);
        if (!File.Exists(target))
        {
            output.WriteLine($"{target}: no such file.");
            return 2;
        }
        DateTimeOffset start;
        if (options.Start is null) start = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        else if (!Instants.TryParse(options.Start, out start))
        {
            output.WriteLine($"--start '{options.Start}' is not an ISO 8601 date-time with an offset, e.g. 2026-03-06T15:00:00+07:00.");
            return 2;
        }
        if (RehearsalRequest.OutOfRange(start) is { } outOfRange)
        {
            output.WriteLine($"--start {outOfRange}");
            return 2;
        }

        var agencies = AgencyRegistry.Load(ValidateWorkflowsCommand.RegistryFor(target, isFolder: false, configuration, environment));
        var loaded = WorkflowValidator.LoadAndValidate(File.ReadAllText(target), Path.GetFileName(target), agencies);
        if (!loaded.IsValid)
        {
            foreach (var problem in loaded.Problems) output.WriteLine(problem);
            output.WriteLine($"{Path.GetFileName(target)} is not valid ({loaded.Problems.Count} problem(s)): nothing rehearsed.");
            return 1;
        }
        var definition = loaded.Definition!;
        var outcomes = options.Outcomes.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value, StringComparer.Ordinal);
        if (WorkflowRehearsal.PinProblems(definition, outcomes) is { Count: > 0 } pins)
        {
            foreach (var (activityId, problem) in pins) output.WriteLine($"--outcome {activityId}: {problem}");
            return 2;
        }
        if (options.ReceivingCentre is { } centre && !agencies.IsServiceCentre(centre))
        {
            output.WriteLine($"--receiving-centre '{centre}' is not a service centre of the agency registry ({agencies.Version}).");
            return 2;
        }
        if (options.Commune is { } commune && !agencies.IsCommune(commune))
        {
            output.WriteLine($"--commune '{commune}' is not a commune of the agency registry ({agencies.Version}): give its people's committee's code.");
            return 2;
        }

        var calendar = WorkingCalendar.Load(CalendarSetup.Folder(configuration, environment));
        var rehearsal = WorkflowRehearsal.Run(definition, calendar, agencies,
            new RehearsalOptions(start, outcomes, options.ReceivingCentre, options.Commune));
        Print(definition, agencies, rehearsal, output);
        return rehearsal.AllFit ? 0 : 1;
    }

    private static void Print(WorkflowDefinition definition, AgencyRegistry agencies, WorkflowRehearsalResult rehearsal, TextWriter output)
    {
        output.WriteLine($"{definition.DefinitionId} v{definition.Version} ({definition.Name}): legal time {Hours(rehearsal.LegalHours)} " +
                         $"({rehearsal.LegalTime.ToVietnamese()}) from {Time(rehearsal.Start)}, legal due {Time(rehearsal.LegalDueAt)} " +
                         $"[calendar {rehearsal.CalendarVersion}]");
        foreach (var path in rehearsal.Paths)
        {
            var choices = path.Choices.Count == 0 ? "no choices" : string.Join(", ", path.Choices.Select(c => $"{c.Key}={string.Join("→", c.Value)}"));
            output.WriteLine();
            output.WriteLine($"Path {path.Number} ({choices}) → {path.End?.ActivityId ?? "no end"}");
            foreach (var step in path.Steps)
            {
                var agency = step.Agency is null ? "" : $" @ {step.Agency.Name ?? agencies.Label(AgencyRef.Parse(step.Agency.Notation))} [{step.Agency.Code ?? step.Agency.Notation}]";
                var timing = step.Budget is null ? $"at {Time(step.StartsAt)}" : $"{Hours(step.BudgetHours)}, due {Time(step.DueAt)}";
                output.WriteLine($"  {(step.Branch is null ? "" : $"[{step.Branch}] ")}{step.ActivityId}{(step.Port is null ? "" : $" → {step.Port}")}: " +
                                 $"{step.Label}{agency}; {timing}{(step.Note is null ? "" : $" ({step.Note})")}");
            }
            var verdict = path.Fits ? "fits"
                : path.Truncated ? $"cut at {WorkflowRehearsal.MaxStepsPerPath} steps: no end reached"
                : path.End is null ? "no end reached"
                : $"LATE by {path.LateByHours.ToString("0.##", CultureInfo.InvariantCulture)} working hours";
            output.WriteLine($"  budget {Hours(path.BudgetHours)} of {Hours(path.LegalHours)}, ends {Time(path.EndsAt)}: {verdict}");
        }
        output.WriteLine();
        var late = rehearsal.Paths.Count(p => !p.Fits);
        output.WriteLine($"{rehearsal.Paths.Count} path(s){(rehearsal.Truncated ? $" (cut at {WorkflowRehearsal.MaxPaths} paths or {WorkflowRehearsal.MaxStepsPerPath} steps)" : "")}: " +
                         (late == 0 ? "all fit." : $"{late} do(es) not fit."));
    }

    private static string Hours(decimal hours) => $"{hours.ToString("0.##", CultureInfo.InvariantCulture)} h";

    private static string Time(DateTimeOffset instant) => WorkingCalendar.ToVietnam(instant).ToString("ddd yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);

    private sealed record Options(string File, string? Start, Dictionary<string, List<string>> Outcomes, string? ReceivingCentre, string? Commune);

    // One file, then options; --outcome may repeat, and repeating it for one activity pins its successive visits.
    private static Options? Parse(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) return null;
        var options = new Options(args[0], null, new Dictionary<string, List<string>>(StringComparer.Ordinal), null, null);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length) return null;
            var value = args[i + 1];
            switch (args[i])
            {
                case "--start": options = options with { Start = value }; break;
                case "--receiving-centre": options = options with { ReceivingCentre = value }; break;
                case "--commune": options = options with { Commune = value }; break;
                case "--outcome" when value.Split('=', 2) is [{ Length: > 0 } activity, { Length: > 0 } port]:
                    (options.Outcomes.TryGetValue(activity, out var ports) ? ports : options.Outcomes[activity] = []).Add(port);
                    break;
                default: return null;
            }
        }
        return options;
    }
}
