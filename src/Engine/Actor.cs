using System.Text.Json.Serialization;

namespace Dossiers.Engine;

/// <summary>
/// Who did something: taken from the caller's token, never from a request body,
/// and written into every event so the audit trail needs nothing else.
/// </summary>
public record Actor(string User, string Role, string? Agency)
{
    /// <summary>Agency officers act only where their agency holds the work.</summary>
    [JsonIgnore] public bool IsOfficer => Role == "officer";

    /// <summary>Desk staff of a service centre (bộ phận một cửa): they receive, hand out and speak for the dossier.</summary>
    [JsonIgnore] public bool IsDesk => Role == "desk";

    /// <summary>The control office and administrators move running dossiers to another workflow version.</summary>
    [JsonIgnore] public bool ManagesVersions => Role is "controller" or "admin";

    /// <summary>Those who read every dossier: the audit and control offices and administrators.</summary>
    [JsonIgnore] public bool ReadsEverything => Role is "auditor" or "controller" or "admin";
}
