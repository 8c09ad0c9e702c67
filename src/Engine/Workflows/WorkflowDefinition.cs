using System.Text.Json.Nodes;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// One immutable (definitionId, version) of a procedure's flowchart, as loaded from Elsa 3 JSON.
/// The engine walks it; it never changes once a dossier has pinned it.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<string, Activity> _activities;
    private readonly ILookup<(string, string), string> _targets;
    private readonly ILookup<string, Connection> _incoming;

    public WorkflowDefinition(string definitionId, int version, string name, ProcedureInfo procedure,
        IReadOnlyList<Activity> activities, IReadOnlyList<Connection> connections, JsonObject source)
    {
        DefinitionId = definitionId;
        Version = version;
        Name = name;
        Procedure = procedure;
        Activities = activities;
        Connections = connections;
        Source = source;
        _activities = activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        _targets = connections.ToLookup(c => (c.Source, c.Port), c => c.Target);
        _incoming = connections.ToLookup(c => c.Target);
    }

    public string DefinitionId { get; }
    public int Version { get; }
    public string Name { get; }
    public ProcedureInfo Procedure { get; }
    public IReadOnlyList<Activity> Activities { get; }
    public IReadOnlyList<Connection> Connections { get; }

    /// <summary>The JSON as the integrator wrote it (designer metadata included), for display and export.</summary>
    public JsonObject Source { get; }

    public string Key => KeyOf(DefinitionId, Version);
    public static string KeyOf(string definitionId, int version) => $"{definitionId}@v{version}";

    public IntakeActivity? Intake => Activities.OfType<IntakeActivity>().FirstOrDefault();

    public Activity? Find(string activityId) => _activities.GetValueOrDefault(activityId);

    public Activity this[string activityId] => _activities.TryGetValue(activityId, out var a)
        ? a : throw new KeyNotFoundException($"Workflow {Key} has no activity '{activityId}'.");

    /// <summary>Where an outcome leads: the activities connected to that out port.</summary>
    public IEnumerable<string> Targets(string activityId, string port) => _targets[(activityId, port)];

    public IEnumerable<Connection> Incoming(string activityId) => _incoming[activityId];

    /// <summary>Whether the flow can get from one activity to another (following any ports).</summary>
    public bool CanReach(string from, string to) =>
        _reach.GetOrAdd(from, f => WorkflowValidator.Walk(f, Successors)).Contains(to);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, HashSet<string>> _reach = new();

    public IEnumerable<string> Successors(string activityId) =>
        Find(activityId) is { } a ? a.OutPorts.SelectMany(p => Targets(activityId, p)) : [];
}
