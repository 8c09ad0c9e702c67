namespace Dossiers.Engine.Workflows;

/// <summary>One thing wrong with a definition: where (file, activity), what, and what to do about it.</summary>
public sealed record WorkflowProblem(string Source, string? ActivityId, string Message, string Fix)
{
    public override string ToString() =>
        $"{Source}{(ActivityId is null ? "" : $" [{ActivityId}]")}: {Message} Fix: {Fix}";
}

/// <summary>A loaded definition, or the problems that stop it from loading (or both, when only rules failed).</summary>
public sealed record WorkflowLoadResult(WorkflowDefinition? Definition, IReadOnlyList<WorkflowProblem> Problems)
{
    public bool IsValid => Definition is not null && Problems.Count == 0;
}
