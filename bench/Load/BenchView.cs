namespace Dossiers.Bench.Load;

/// <summary>The part of the API's dossier view the simulated officers act on (statuses as the API spells them).</summary>
public sealed record BenchView(Guid Id, string Status, long Version, DateTimeOffset? DueAt, List<BenchTask> Tasks, List<string> AllowedActions)
{
    public bool IsFinished => Status is "returned" or "stopped" or "refused";
}

public sealed record BenchTask(string TaskId, string ActivityId, string Agency, string State)
{
    public bool AwaitsAcknowledgement => State == "awaiting-acknowledgement";
}
