namespace Dossiers.Engine.Dossiers;

public enum RejectionKind
{
    /// <summary>The workflow or the rules do not allow it now (409, with the allowed actions).</summary>
    Conflict,
    /// <summary>The caller may not act here, e.g. an officer of another agency (403).</summary>
    Forbidden,
    /// <summary>The thing named does not exist on this dossier, e.g. a task id (404).</summary>
    NotFound,
    /// <summary>A value is not acceptable, e.g. a new appointment before the current one (400, naming the field).</summary>
    Invalid,
}

/// <summary>The one domain exception: the decider refuses a command and says why and what is allowed instead.</summary>
public sealed class CommandRejected(RejectionKind kind, string message, IReadOnlyList<string>? allowedActions = null, string? field = null)
    : Exception(message)
{
    public RejectionKind Kind { get; } = kind;
    public IReadOnlyList<string> AllowedActions { get; } = allowedActions ?? [];
    public string? Field { get; } = field;
}
