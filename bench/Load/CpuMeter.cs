namespace Dossiers.Bench.Load;

/// <summary>CPU milliseconds per request over a phase, split between the API, this bench and the rest of the machine.</summary>
/// <remarks>The rest is PostgreSQL in practice (the bench owns the machine while it runs). Per request, CPU time moves far
/// less with the machine's speed than throughput does, so a lever shows here first.</remarks>
public sealed record CpuPerRequest(double ApiMs, double BenchMs, double RestMs)
{
    public double TotalMs => ApiMs + BenchMs + RestMs;
}

/// <summary>
/// Reads /proc: the machine's busy time, the API process's and this process's, summed over the spans between
/// <see cref="Start"/> and <see cref="Stop"/> (a load phase in parts leaves out the raw slices between them).
/// </summary>
public sealed class CpuMeter(int apiProcessId)
{
    private static readonly double MillisPerTick = 1000.0 / 100;   // USER_HZ is 100 on Linux
    private (double Machine, double Api, double Bench) _spent, _since;

    public void Start() => _since = Read(apiProcessId);

    public void Stop()
    {
        var now = Read(apiProcessId);
        _spent = (_spent.Machine + now.Machine - _since.Machine, _spent.Api + now.Api - _since.Api, _spent.Bench + now.Bench - _since.Bench);
    }

    public CpuPerRequest? PerRequest(long requests)
    {
        if (!OperatingSystem.IsLinux() || requests == 0) return null;
        var (machine, api, bench) = _spent;
        return new(Math.Round(api / requests, 3), Math.Round(bench / requests, 3), Math.Round(Math.Max(0, machine - api - bench) / requests, 3));
    }

    private static (double Machine, double Api, double Bench) Read(int api)
    {
        if (!OperatingSystem.IsLinux()) return default;
        // cpu  user nice system idle iowait irq softirq steal ...: busy = all but idle and iowait
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
        var busy = cpu.Sum() - cpu[3] - cpu[4];
        return (busy * MillisPerTick, Process(api), Process(Environment.ProcessId));
    }

    // utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count after its ')'.
    private static double Process(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')').Last().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (double.Parse(fields[11]) + double.Parse(fields[12])) * MillisPerTick;
    }
}
