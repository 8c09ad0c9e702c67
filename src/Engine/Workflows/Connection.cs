namespace Dossiers.Engine.Workflows;

/// <summary>From an activity's out port to another activity (its "In" port).</summary>
public sealed record Connection(string Source, string Port, string Target);
