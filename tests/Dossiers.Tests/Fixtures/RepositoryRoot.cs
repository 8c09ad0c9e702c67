namespace Dossiers.Tests;

/// <summary>The checkout's root, found by walking up from the test binaries to the solution file.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Dossiers.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Dossiers.slnx not found above " + AppContext.BaseDirectory);
    }
}
