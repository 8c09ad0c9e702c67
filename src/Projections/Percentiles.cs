namespace Dossiers.Projections;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile of sorted values, two decimals; none of no values.</summary>
    public static double? NearestRank(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)], 2);
}
