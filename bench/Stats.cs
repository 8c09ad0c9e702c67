namespace Dossiers.Bench;

/// <summary>Percentiles by nearest rank over every sample (no histogram buckets: a run has at most a few hundred thousand).</summary>
public static class Stats
{
    public static double Percentile(IReadOnlyList<double> samples, double p)
    {
        if (samples.Count == 0) return double.NaN;
        var sorted = samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static LatencySummary Summarize(IReadOnlyList<double> millis) => new(
        millis.Count, Round(Percentile(millis, 50)), Round(Percentile(millis, 95)), Round(Percentile(millis, 99)),
        millis.Count == 0 ? double.NaN : Round(millis.Max()));

    public static double Round(double value) => double.IsNaN(value) ? value : Math.Round(value, 2);
}

public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max);
