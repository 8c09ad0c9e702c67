namespace Dossiers.Bench.Load;

/// <summary>
/// CPU milliseconds per request over a phase, split between the API, this bench and the rest of the machine, and apart
/// from them the time the virtual machine's host took from its cores (steal).
/// </summary>
/// <remarks>The rest is PostgreSQL in practice (the bench owns the machine while it runs). Per request, CPU time moves far
/// less with the machine's speed than throughput does, so a lever shows here first. Steal is no work of ours: counted as
/// busy (as it was until 2026-12-03), a host taking half the cores showed as PostgreSQL costing ten times more.</remarks>
public sealed record CpuPerRequest(double ApiMs, double BenchMs, double RestMs, double StealMs = 0)
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
    private (double Machine, double Api, double Bench, double Steal) _spent, _since;

    public void Start() => _since = Read(apiProcessId);

    public void Stop()
    {
        var now = Read(apiProcessId);
        _spent = (_spent.Machine + now.Machine - _since.Machine, _spent.Api + now.Api - _since.Api, _spent.Bench + now.Bench - _since.Bench,
            _spent.Steal + now.Steal - _since.Steal);
    }

    public CpuPerRequest? PerRequest(long requests)
    {
        if (!OperatingSystem.IsLinux() || requests == 0) return null;
        var (machine, api, bench, steal) = _spent;
        return new(Math.Round(api / requests, 3), Math.Round(bench / requests, 3), Math.Round(Math.Max(0, machine - api - bench) / requests, 3),
            Math.Round(steal / requests, 3));
    }

    private static (double Machine, double Api, double Bench, double Steal) Read(int api)
    {
        if (!OperatingSystem.IsLinux()) return default;
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice: busy = user + nice + system + irq + softirq
        // (guest time is already inside user and nice); steal apart.
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6];
        return (busy * MillisPerTick, Process(api), Process(Environment.ProcessId), cpu[7] * MillisPerTick);
    }

    // utime and stime are fields 14 and 15; the command name (field 2) may hold spaces, so count after its ')'.
    private static double Process(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')').Last().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (double.Parse(fields[11]) + double.Parse(fields[12])) * MillisPerTick;
    }
}
