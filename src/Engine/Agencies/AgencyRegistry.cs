using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dossiers.Engine.Agencies;

/// <summary>The province's agencies (workflows/agencies.json): workflows may only route to codes listed here.</summary>
public sealed class AgencyRegistry
{
    public const string FileName = "agencies.json";
    private readonly IReadOnlyDictionary<string, Agency> _byCode;

    public AgencyRegistry(string version, IEnumerable<Agency> agencies)
    {
        Version = version;
        _byCode = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
    }

    public string Version { get; }
    public IReadOnlyCollection<Agency> All => [.. _byCode.Values];
    public bool Contains(string code) => _byCode.ContainsKey(code);
    public Agency? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The agency's short name for diagrams and slips; its code when unknown.</summary>
    public string Label(string code) => Find(code) is { } a ? a.ShortName ?? a.Name : code;

    public static AgencyRegistry Load(string path)
    {
        var file = JsonSerializer.Deserialize<RegistryFile>(File.ReadAllText(path), Json)
            ?? throw new InvalidDataException($"{path}: empty agency registry.");
        var duplicates = file.Agencies.GroupBy(a => a.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
            throw new InvalidDataException($"{path}: agency codes listed twice: {string.Join(", ", duplicates)}.");
        return new AgencyRegistry(file.Version ?? "unversioned", file.Agencies);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record RegistryFile([property: JsonPropertyName("version")] string? Version, List<Agency> Agencies);
}
