using Dossiers.Projections.Evaluations;
using static Dossiers.Tests.Evaluations.EvaluationMonth;

namespace Dossiers.Tests.Evaluations;

/// <summary>The figures function on the hand-computed month (<see cref="EvaluationMonth"/>), with no database.</summary>
public class when_computing_evaluation_figures
{
    private static IReadOnlyList<ServiceEvaluation> Month => [.. Events().Select(ServiceEvaluation.Of)];

    private static EvaluationScores Scores(int evaluations, (int, int, int, decimal?) satisfaction, (int, int, int, decimal?) contacts,
        (int, int, int, decimal?) agencies, (int, int, int, decimal?) attitude) => new(evaluations,
        new SatisfactionCounts(satisfaction.Item1, satisfaction.Item2, satisfaction.Item3, satisfaction.Item4),
        new ScoreCounts(contacts.Item1, contacts.Item2, contacts.Item3, contacts.Item4),
        new ScoreCounts(agencies.Item1, agencies.Item2, agencies.Item3, agencies.Item4),
        new ScoreCounts(attitude.Item1, attitude.Item2, attitude.Item3, attitude.Item4));

    public static readonly EvaluationScores Province = Scores(5, (1, 2, 2, 60.0m), (2, 1, 2, 1.00m), (3, 1, 1, 1.40m), (2, 2, 1, 1.20m));
    public static readonly EvaluationScores CentreA = Scores(3, (1, 1, 1, 66.7m), (1, 1, 1, 1.00m), (1, 1, 1, 1.00m), (1, 1, 1, 1.00m));
    public static readonly EvaluationScores CentreB = Scores(2, (0, 1, 1, 50.0m), (1, 0, 1, 1.00m), (2, 0, 0, 2.00m), (1, 1, 0, 1.50m));
    public static readonly EvaluationScores Police = Scores(3, (1, 2, 0, 100.0m), (2, 1, 0, 1.67m), (2, 1, 0, 1.67m), (2, 1, 0, 1.67m));
    public static readonly EvaluationScores OtherUnit = Scores(2, (0, 1, 1, 50.0m), (0, 1, 1, 0.50m), (1, 1, 0, 1.50m), (0, 2, 0, 1.00m));

    [Fact]
    public void the_month_counts_each_evaluation_once_for_the_province_and_once_for_each_agency_it_credits()
    {
        var report = EvaluationFigures.Compute(Month, From, To);

        report.Province.ShouldBe(Province);
        report.Agencies.Select(a => a.Agency).ShouldBe([B, A, P, T]);   // ordinal order of the codes
        report.Agencies.Select(a => a.Scores).ShouldBe([CentreB, CentreA, Police, OtherUnit]);
        report.Agencies.Sum(a => a.Scores.Evaluations).ShouldBe(10);   // E2 counts for A, P and T
    }

    [Fact]
    public void one_agency_narrows_the_province_and_the_list_to_the_evaluations_crediting_it()
    {
        var report = EvaluationFigures.Compute(Month, From, To, P);

        report.Agency.ShouldBe(P);
        report.Province.ShouldBe(Police);
        report.Agencies.ShouldHaveSingleItem().ShouldBe(new AgencyEvaluationScores(P, Police));
        EvaluationFigures.Compute(Month, From, To, "000.00.00.H00").Province.ShouldBe(Scores(0, (0, 0, 0, null), (0, 0, 0, null), (0, 0, 0, null), (0, 0, 0, null)));
    }

    [Fact]
    public void the_period_takes_its_first_instant_and_leaves_out_the_next_months_first()
    {
        var month = EvaluationFigures.Compute(Month, From, To);
        month.Province.Evaluations.ShouldBe(5);
        EvaluationFigures.Compute(Month, To, To.AddMonths(1)).Province.Evaluations.ShouldBe(1);
        EvaluationFigures.Compute(Month, From.AddMonths(-1), From).Province.Evaluations.ShouldBe(1);
    }
}
