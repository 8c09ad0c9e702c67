namespace Dossiers.Engine.Agencies;

/// <summary>An agency or unit with its QCVN 102 identifier (e.g. 000.00.21.H48).</summary>
public sealed record Agency(string Code, string Name, string? ShortName, string? Parent, string Level, string Kind);
