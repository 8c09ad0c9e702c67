using System.Collections.Concurrent;

namespace Dossiers.Bench.Load;

/// <summary>Everything one load phase counts; shared by its workers, so every counter is thread-safe.</summary>
public sealed class PhaseRecorder
{
    private readonly ConcurrentQueue<double> _commandMillis = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _commandMillisByKind = new();
    private readonly ConcurrentQueue<double> _readMillis = new();
    private readonly ConcurrentQueue<string> _errorSamples = new();
    private readonly ConcurrentDictionary<string, long> _errorKinds = new();
    private long _commands, _reads, _errors, _apologiesTooLate, _completed, _withdrawn, _supplements, _apologies, _payments;

    public bool Recording { get; init; } = true;

    /// <param name="kind">What the command is (accept, complete…): the report shows each kind's latency, so a slow one shows.</param>
    public void Command(double millis, string kind)
    {
        Interlocked.Increment(ref _commands);
        _commandMillis.Enqueue(millis);
        _commandMillisByKind.GetOrAdd(kind, _ => new()).Enqueue(millis);
    }
    public void Read(double millis) { Interlocked.Increment(ref _reads); _readMillis.Enqueue(millis); }

    /// <param name="kind">Status and command, e.g. "412 accept": what the report counts errors by.</param>
    public void Error(string what, string kind = "other")
    {
        Interlocked.Increment(ref _errors);
        _errorKinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (_errorSamples.Count < 20) _errorSamples.Enqueue(what);
    }

    public void ApologyTooLate() => Interlocked.Increment(ref _apologiesTooLate);
    public void DossierCompleted() => Interlocked.Increment(ref _completed);
    public void DossierWithdrawn() => Interlocked.Increment(ref _withdrawn);
    public void Supplement() => Interlocked.Increment(ref _supplements);
    public void Apology() => Interlocked.Increment(ref _apologies);
    public void Payment() => Interlocked.Increment(ref _payments);

    public long Commands => Interlocked.Read(ref _commands);
    public long Reads => Interlocked.Read(ref _reads);
    public long Errors => Interlocked.Read(ref _errors);
    public long ApologiesTooLate => Interlocked.Read(ref _apologiesTooLate);
    public long Completed => Interlocked.Read(ref _completed);
    public long Withdrawn => Interlocked.Read(ref _withdrawn);
    public long Supplements => Interlocked.Read(ref _supplements);
    public long Apologies => Interlocked.Read(ref _apologies);
    public long Payments => Interlocked.Read(ref _payments);
    public IReadOnlyList<double> CommandMillis => [.. _commandMillis];
    public IReadOnlyDictionary<string, IReadOnlyList<double>> CommandMillisByKind =>
        _commandMillisByKind.ToDictionary(k => k.Key, k => (IReadOnlyList<double>)[.. k.Value]);
    public IReadOnlyList<double> ReadMillis => [.. _readMillis];
    public IReadOnlyList<string> ErrorSamples => [.. _errorSamples];
    public IReadOnlyDictionary<string, long> ErrorKinds => new Dictionary<string, long>(_errorKinds);
}
