using System.Collections.Concurrent;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Workflows;
using Dossiers.Projections.Workflows;
using System.Linq.Expressions;
using Marten;
using Marten.Linq;

namespace Dossiers.Api.Workflows;

/// <summary>
/// Every published definition: the files loaded at start-up and the versions published through the API (read
/// from the database, so every node sees an approval at once). Parsed published definitions are cached: they are immutable.
/// </summary>
public sealed class WorkflowLibrary(WorkflowCatalog files, AgencyRegistry agencies)
{
    private readonly ConcurrentDictionary<Guid, WorkflowDefinition> _parsed = new();
    // A published version never changes or unpublishes, so once seen it is served from memory: every command on a
    // dossier looks up its pinned version, and that must not cost a database read.
    private readonly ConcurrentDictionary<Guid, WorkflowDefinition> _published = new();

    public async Task<WorkflowDefinition?> Find(IQuerySession session, string definitionId, int version, CancellationToken ct = default)
    {
        if (files.Find(definitionId, version) is { } file) return file;
        var id = IdOf(definitionId, version);
        if (_published.TryGetValue(id, out var known)) return known;
        return await session.LoadAsync<WorkflowRecord>(id, ct) is { Status: WorkflowStatus.Published } record
            ? _published.GetOrAdd(id, _ => Parse(record))
            : null;
    }

    /// <summary>The version new dossiers of a procedure start on: the highest published one.</summary>
    public async Task<WorkflowDefinition?> Latest(IQuerySession session, string procedureCode, CancellationToken ct = default)
    {
        var fromFiles = files.Latest(procedureCode);
        var published = await session.QueryAsync(new PublishedVersionsOf { ProcedureCode = procedureCode }, ct);
        var fromApi = published.Select(Parse).MaxBy(d => d.Version);
        return fromApi is not null && (fromFiles is null || fromApi.Version > fromFiles.Version) ? fromApi : fromFiles;
    }

    public async Task<IReadOnlyList<WorkflowDefinition>> Published(IQuerySession session, CancellationToken ct = default)
    {
        var published = await session.Query<WorkflowRecord>().Where(r => r.Status == WorkflowStatus.Published).ToListAsync(ct);
        return [.. files.All.Concat(published.Select(Parse)).OrderBy(d => d.Procedure.Code).ThenBy(d => d.DefinitionId).ThenBy(d => d.Version)];
    }

    public WorkflowDefinition? File(string definitionId, int version) => files.Find(definitionId, version);

    public bool IsFile(string definitionId, int version) => File(definitionId, version) is not null;

    public static Guid IdOf(string definitionId, int version) => global::Dossiers.Engine.StableId.For("workflow", WorkflowDefinition.KeyOf(definitionId, version));

    /// <summary>Only published versions are cached: a draft returned for changes is replaced by its revision.</summary>
    public WorkflowDefinition Parse(WorkflowRecord record) => record.Status == WorkflowStatus.Published
        ? _parsed.GetOrAdd(record.Id, _ => ParseStored(record))
        : ParseStored(record);

    private static WorkflowDefinition ParseStored(WorkflowRecord record) =>
        WorkflowLoader.Parse(record.Json, $"{record.DefinitionId}.v{record.Version}.json").Definition
        ?? throw new InvalidOperationException($"Stored workflow {record.DefinitionId} v{record.Version} no longer parses.");

    public AgencyRegistry Agencies => agencies;

    /// <summary>A compiled query: every submit runs it, and Marten then skips parsing the LINQ expression each time.</summary>
    public sealed class PublishedVersionsOf : ICompiledListQuery<WorkflowRecord>
    {
        public string ProcedureCode { get; set; } = "";

        public Expression<Func<IMartenQueryable<WorkflowRecord>, IEnumerable<WorkflowRecord>>> QueryIs() =>
            records => records.Where(r => r.ProcedureCode == ProcedureCode && r.Status == WorkflowStatus.Published);
    }
}
