namespace Dossiers.Engine;

/// <summary>
/// Who did something: taken from the caller's token, never from a request body,
/// and written into every event so the audit trail needs nothing else.
/// </summary>
public record Actor(string User, string Role, string? Agency)
{
    /// <summary>Agency officers act only where their agency holds the work.</summary>
    public bool IsOfficer => Role == "officer";
}
