using System.Diagnostics;
using System.Runtime.InteropServices;
using Npgsql;

namespace Dossiers.Bench.Report;

public sealed record MachineFacts(int Cores, double RamGiB, string Os, string DotNet, string PostgreSql, string GitCommit, string StartedUtc)
{
    public static async Task<MachineFacts> Collect(NpgsqlDataSource database, string repoRoot)
    {
        await using var version = database.CreateCommand("show server_version");
        return new MachineFacts(
            Environment.ProcessorCount,
            Math.Round(MemoryKiB() / 1024.0 / 1024.0, 1),
            OsName(),
            RuntimeInformation.FrameworkDescription,
            (string)(await version.ExecuteScalarAsync())!,
            Git(repoRoot),
            DateTimeOffset.UtcNow.ToString("O"));
    }

    private static long MemoryKiB() =>
        File.Exists("/proc/meminfo")
            ? long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1])
            : 0;

    private static string OsName() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME="))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription
            : RuntimeInformation.OSDescription;

    private static string Git(string repoRoot)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short HEAD")
                { WorkingDirectory = repoRoot, RedirectStandardOutput = true, RedirectStandardError = true })!;
            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return commit.Length > 0 ? commit : "unknown";
        }
        catch (System.ComponentModel.Win32Exception) { return "unknown"; }
    }
}
