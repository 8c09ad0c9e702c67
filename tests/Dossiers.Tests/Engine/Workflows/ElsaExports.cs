using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Engine.Workflows;

/// <summary>Workflow files exported by Elsa itself, kept unmodified in tests/Dossiers.Tests/Engine/ElsaExports (provenance in its README).</summary>
public static class ElsaExports
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot.Path, "tests", "Dossiers.Tests", "Engine", "ElsaExports");

    public static IReadOnlyList<string> Files { get; } =
        Directory.Exists(Folder) ? [.. Directory.EnumerateFiles(Folder, "*.json").Order(StringComparer.Ordinal)] : [];
}
