using System.Diagnostics;

namespace Dossiers.Tests.Fixtures;

/// <summary>Runs a program to its end, as an operator would from a shell.</summary>
public static class Processes
{
    /// <summary>Its exit code and everything it printed (standard output, then standard error).</summary>
    public static async Task<(int ExitCode, string Output)> Run(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
