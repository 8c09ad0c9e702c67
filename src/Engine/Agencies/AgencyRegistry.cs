using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossiers.Engine.Agencies;

/// <summary>
/// One version of the province's units (workflows/agencies.json): workflows may only route to units listed here, and
/// a dossier's relative references (<see cref="AgencyRef"/>) are resolved against it.
/// </summary>
public sealed class AgencyRegistry
{
    public const string FileName = "agencies.json";
    private readonly IReadOnlyDictionary<string, Agency> _byCode;
    private readonly ILookup<(string Kind, string Commune), Agency> _serving;

    public AgencyRegistry(string version, IEnumerable<Agency> agencies)
    {
        Version = version;
        _byCode = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
        // A commune's own unit wins over a provincial one serving it too (the commune's centre before the province's).
        _serving = _byCode.Values
            .OrderBy(a => a.Level == AgencyLevels.Commune ? 0 : 1).ThenBy(a => a.Code, StringComparer.Ordinal)
            .SelectMany(a => a.Communes.Select(c => (Key: (a.Kind, c), Agency: a)))
            .ToLookup(x => x.Key, x => x.Agency);
    }

    public string Version { get; }
    public IReadOnlyCollection<Agency> All => [.. _byCode.Values];
    public bool Contains(string code) => _byCode.ContainsKey(code);
    public Agency? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The agency's short name for diagrams and slips; its code when unknown.</summary>
    public string Label(string code) => Find(code) is { } a ? a.ShortName ?? a.Name : code;

    /// <summary>How a diagram names a step's agency: the unit for a fixed code, the kind and "competent" for a reference.</summary>
    public string Label(AgencyRef reference) => reference switch
    {
        AgencyRef.Fixed f => Label(f.Code),
        AgencyRef.ReceivingCentre => "TTPVHCC tiếp nhận",
        AgencyRef.Competent c => $"{AgencyKinds.Vietnamese(c.Kind)} có thẩm quyền",
        _ => reference.Notation,
    };

    /// <summary>Communes (and wards, special zones), each identified by its people's committee.</summary>
    public IEnumerable<Agency> Communes => _byCode.Values
        .Where(a => a is { Level: AgencyLevels.Commune, Kind: AgencyKinds.PeopleCommittee })
        .OrderBy(a => a.Code, StringComparer.Ordinal);

    public bool IsCommune(string code) => Find(code) is { Level: AgencyLevels.Commune, Kind: AgencyKinds.PeopleCommittee };

    public bool IsServiceCentre(string code) => Find(code) is { Kind: AgencyKinds.ServiceCentre };

    /// <summary>The commune a commune-level unit belongs to; null for provincial units.</summary>
    public string? CommuneOf(string code) => Find(code) is { Level: AgencyLevels.Commune, Communes: [var commune] } ? commune : null;

    /// <summary>The unit of a kind competent for a commune, or null when the registry has none.</summary>
    public Agency? Serving(string kind, string commune) => _serving[(kind, commune)].FirstOrDefault();

    /// <summary>The unit a step's reference names for one dossier; null when this registry cannot resolve it.</summary>
    public string? Resolve(AgencyRef reference, Jurisdiction where) => reference switch
    {
        AgencyRef.Fixed f => Contains(f.Code) ? f.Code : null,
        AgencyRef.ReceivingCentre => where.ReceivingCentre,
        AgencyRef.Competent c => Serving(c.Kind, where.Commune)?.Code,
        _ => throw new ArgumentOutOfRangeException(nameof(reference), reference, "Unknown kind of agency reference."),
    };

    public static AgencyRegistry Load(string path)
    {
        var file = JsonSerializer.Deserialize<RegistryFile>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: empty agency registry.");
        var duplicates = file.Agencies.GroupBy(a => a.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidDataException($"{path}: agency codes listed twice: {string.Join(", ", duplicates)}.");
        var codes = file.Agencies.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var dangling = file.Agencies.SelectMany(a => a.Communes.Append(a.Parent ?? a.Code)).Where(c => !codes.Contains(c)).Distinct().ToList();
        if (dangling.Count > 0)
            throw new InvalidDataException($"{path}: parents or served communes that are not listed: {string.Join(", ", dangling)}.");
        return new AgencyRegistry(file.Version ?? "unversioned", file.Agencies);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record RegistryFile([property: JsonPropertyName("version")] string? Version, List<Agency> Agencies);
}

/// <summary>
/// Every registry version the province has used: the current one (agencies.json) for new dossiers and workflow
/// validation, and the earlier ones (agencies/*.json) that older dossiers were accepted under.
/// </summary>
public sealed class AgencyRegistries
{
    public const string EarlierFolder = "agencies";
    private readonly IReadOnlyDictionary<string, AgencyRegistry> _byVersion;

    public AgencyRegistries(AgencyRegistry current, IEnumerable<AgencyRegistry> earlier)
    {
        Current = current;
        _byVersion = earlier.Append(current).GroupBy(r => r.Version).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    public AgencyRegistry Current { get; }

    public IReadOnlyCollection<string> Versions => [.. _byVersion.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The registry a dossier was accepted under; the current one for dossiers that predate versioning.</summary>
    public AgencyRegistry For(string? version) => version is not null && _byVersion.TryGetValue(version, out var r) ? r : Current;

    public static AgencyRegistries Load(string workflowsFolder)
    {
        var current = AgencyRegistry.Load(Path.Combine(workflowsFolder, AgencyRegistry.FileName));
        var folder = Path.Combine(workflowsFolder, EarlierFolder);
        var earlier = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal).Select(AgencyRegistry.Load)
            : [];
        return new AgencyRegistries(current, earlier);
    }
}
