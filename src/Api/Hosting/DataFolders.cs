namespace Dossiers.Api.Hosting;

/// <summary>
/// Where the data folders (workflows/, calendars/) are: a configured path wins; otherwise the nearest folder of
/// that name above the content root or the binaries, so a checkout works from any working directory.
/// </summary>
public static class DataFolders
{
    public static string Resolve(IConfiguration configuration, IHostEnvironment environment, string key, string folderName)
    {
        if (configuration[key] is { Length: > 0 } configured)
            return Directory.Exists(configured)
                ? configured
                : throw new DirectoryNotFoundException($"{key} points to '{configured}', which does not exist.");
        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (Directory.Exists(Path.Combine(dir.FullName, folderName)))
                    return Path.Combine(dir.FullName, folderName);
        throw new DirectoryNotFoundException($"No '{folderName}' folder found above {environment.ContentRootPath}; set {key}.");
    }

    /// <summary>
    /// A path from the command line: as given when it exists, else relative to a folder above the content root
    /// (`dotnet run --project src/Api` runs in src/Api, while the user typed the path from the checkout's root).
    /// </summary>
    public static string LocateArgument(string path, IHostEnvironment environment)
    {
        if (Path.IsPathRooted(path) || File.Exists(path) || Directory.Exists(path)) return path;
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        return path;
    }
}
