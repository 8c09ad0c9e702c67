using Dossiers.Engine.Agencies;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// Definitions by (definitionId, version), and the newest version per procedure code: new dossiers start on it,
/// running dossiers keep the version they pinned.
/// </summary>
public sealed class WorkflowCatalog
{
    private readonly Dictionary<string, WorkflowDefinition> _byKey;

    public WorkflowCatalog(IEnumerable<WorkflowDefinition> definitions) =>
        _byKey = definitions.ToDictionary(d => d.Key, StringComparer.Ordinal);

    public IReadOnlyCollection<WorkflowDefinition> All => _byKey.Values;

    public WorkflowDefinition? Find(string definitionId, int version) =>
        _byKey.GetValueOrDefault(WorkflowDefinition.KeyOf(definitionId, version));

    public WorkflowDefinition? Latest(string procedureCode) =>
        _byKey.Values.Where(d => d.Procedure.Code == procedureCode).MaxBy(d => d.Version);

    /// <summary>Loads every *.json in a folder except the registry and schema; the problems of all files together.</summary>
    public static (WorkflowCatalog Catalog, IReadOnlyList<WorkflowProblem> Problems) LoadFolder(string folder, AgencyRegistry agencies)
    {
        var results = DefinitionFiles(folder).Select(path => LoadFile(path, agencies)).ToList();
        var problems = results.SelectMany(r => r.Problems).ToList();
        var definitions = results.Where(r => r.IsValid).Select(r => r.Definition!).ToList();
        foreach (var duplicate in definitions.GroupBy(d => d.Key).Where(g => g.Count() > 1))
            problems.Add(new WorkflowProblem(duplicate.Key, null, $"Two files define {duplicate.Key}.",
                "A (definitionId, version) is immutable: give the new file the next version number."));
        return (new WorkflowCatalog(definitions.DistinctBy(d => d.Key)), problems);
    }

    /// <summary>One file, loaded and validated; a file that cannot be read is a problem like any other, never an exception.</summary>
    public static WorkflowLoadResult LoadFile(string path, AgencyRegistry agencies)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new WorkflowLoadResult(null, [new WorkflowProblem(Path.GetFileName(path), null, $"The file cannot be read: {e.Message}",
                "Check that it exists and that the service may read it.")]);
        }
        return WorkflowValidator.LoadAndValidate(text, Path.GetFileName(path), agencies);
    }

    public static IEnumerable<string> DefinitionFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.json")
            .Where(f => Path.GetFileName(f) is not AgencyRegistry.FileName and not "workflow.schema.json")
            .Order(StringComparer.Ordinal);
}
