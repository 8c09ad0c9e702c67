using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Projections;

/// <summary>
/// Twelve dossiers of the test workflow (legal time 5 working days; check 1 WD, police 2 WD, insurance 1 WD), their
/// events made by the real decider, folded by the SLA projection, scored for March 2026. Every figure below was
/// computed by hand from the calendar; each dossier says what it contributes.
/// </summary>
public class when_scoring_a_month
{
    private static readonly DateTimeOffset From = At(1, 3, 0, 0);
    private static readonly DateTimeOffset To = At(1, 4, 0, 0);

    private static DateTimeOffset Day(int day, int month, int hour, int minute = 0) => At(day, month, hour, minute);

    /// <summary>Accepted at <paramref name="start"/>; check done 45 min later, insurance an hour after that.</summary>
    private static List<object> Started(DateTimeOffset start)
    {
        var id = Guid.NewGuid();
        var submit = SubmitCommand() with { DossierId = id };
        var history = new List<object>(DossierDecider.Decide(null, submit, Context(Desk, at: start)));
        history.Then(new DossierCommand.Accept(1), Desk, at: start)
            .Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: start.AddMinutes(45))
            .Then(new DossierCommand.CompleteTask("insurance", "Done", null), Insurance, at: start.AddMinutes(105));
        return history;
    }

    private static List<object> Finished(List<object> history, DateTimeOffset at) =>
        history.Then(new DossierCommand.CompleteTask("police", "Done", null), Police, at: at);

    private static readonly DateTimeOffset March2 = Day(2, 3, 9, 15);   // legal due Mon 09/03 09:15

    private static IReadOnlyList<DossierSla> Month()
    {
        var d1 = Finished(Started(March2), Day(5, 3, 10));                  // early: score 2, on time; 24.75 h
        var d2 = Finished(Started(March2), Day(9, 3, 9));                   // on the due day, before 09:15: score 1; 39.75 h
        var d3 = Finished(Started(March2), Day(10, 3, 10));                 // late: score 0; 48.75 h
        var d4 = Finished(Started(March2)                                   // paused 2 WD: legal due Wed 11/03: early, score 2; 32.75 h
            .Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Police, at: Day(3, 3, 9, 15))
            .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: Day(5, 3, 9, 15)), Day(10, 3, 10));
        var d5 = Finished(Started(March2)                                   // rescheduled: early against the new date, late against the law: 0; 64.75 h
            .Then(new DossierCommand.Apologize("Cần xác minh", Day(13, 3, 17)), Police, at: Day(4, 3, 9)), Day(12, 3, 10));
        var d6 = Finished(Started(March2)                                   // a second supplement: late whatever the times: 0; 24.75 - 4 - 1 = 19.75 h
            .Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Police, at: Day(3, 3, 9, 15))
            .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: Day(3, 3, 15, 15))
            .Then(new DossierCommand.RequestSupplement(["Sổ hộ khẩu"], "Thiếu", true), Police, at: Day(4, 3, 9))
            .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: Day(4, 3, 10)), Day(5, 3, 10));
        var d7 = Started(March2)                                            // withdrawn before its due time: on time, no result
            .Then(new DossierCommand.Withdraw("Công dân rút hồ sơ"), Desk, at: Day(4, 3, 10))
            .Then(new DossierCommand.Stop("Theo đề nghị"), Desk, at: Day(4, 3, 11));
        var d8 = new List<object>(DossierDecider.Decide(null, SubmitCommand() with { DossierId = Guid.NewGuid() }, Context(Desk, at: March2)))
            .Then(new DossierCommand.Accept(1), Desk, at: March2);        // never worked on: ends with the period, late
        var d9 = Started(March2)                                            // waiting for the applicant since before its due time: on time
            .Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Police, at: Day(6, 3, 9, 15));
        var d10 = Finished(Started(Day(30, 3, 9, 15)), Day(2, 4, 10));      // finished in April: on time at the period's end, not finished in March
        var d11 = new List<object>(DossierDecider.Decide(null, SubmitCommand() with { DossierId = Guid.NewGuid() }, Context(Desk, at: March2)))
            .Then(new DossierCommand.Refuse("Không thuộc thẩm quyền"), Desk, at: March2);   // refused at the desk: not counted
        var d12 = Finished(Started(Day(23, 2, 9, 15)), Day(3, 3, 10));      // carried over from February, due Mon 02/03: late, 0; 48.75 h
        return [.. new[] { d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12 }.Select(h => h.Aggregate((DossierSla?)null, DossierSla.Next)!)];
    }

    [Fact]
    public void the_on_time_rate_follows_the_766_rules()
    {
        var province = Scorecard.Compute(Month(), From, To).Province;

        province.Dossiers.ShouldBe(11);          // d11 was never received
        province.OnTime.ShouldBe(6);             // d1 d2 d4 d7 d9 d10
        province.Late.ShouldBe(5);               // d3 d5 d6 d8 d12
        province.OnTimeRate.ShouldBe(54.5m);
    }

    [Fact]
    public void the_average_handling_time_counts_office_time_without_pauses()
    {
        var province = Scorecard.Compute(Month(), From, To).Province;

        province.Finished.ShouldBe(7);           // d1 d2 d3 d4 d5 d6 d12
        // (24.75 + 39.75 + 48.75 + 32.75 + 64.75 + 19.75 + 48.75) h / 7 / 8 h = 4.99 working days
        province.AverageHandlingDays.ShouldBe(4.99m);
    }

    [Fact]
    public void indicator_1_scores_each_finished_dossier_2_1_0()
    {
        var province = Scorecard.Compute(Month(), From, To).Province;

        (province.Early, province.FinishedOnTime, province.FinishedLate).ShouldBe((2, 1, 4));
        province.AverageScore.ShouldBe(0.71m);   // (2 + 1 + 0 + 2 + 0 + 0 + 0) / 7
    }

    [Fact]
    public void indicator_2_scores_every_step_per_agency_and_per_officer()
    {
        var report = Scorecard.Compute(Month(), From, To);

        // Checks (P1) and insurance cards (S1) done within the hour: early. Police registrations all ran late.
        report.ProvinceSteps.ShouldBe(new StepScores(25, 18, 0, 7, 1.44m));
        report.Agencies.Single(a => a.Agency == TestDefinitions_Police).Steps.ShouldBe(new StepScores(16, 9, 0, 7, 1.13m));
        report.Agencies.Single(a => a.Agency == TestDefinitions_Insurance).Steps.ShouldBe(new StepScores(9, 9, 0, 0, 2m));
        report.Officers.ShouldBe([
            new OfficerScores("officer.binh", TestDefinitions_Police, new StepScores(16, 9, 0, 7, 1.13m)),
            new OfficerScores("officer.chi", TestDefinitions_Insurance, new StepScores(9, 9, 0, 0, 2m)),
        ]);
    }

    [Fact]
    public void an_agency_filter_keeps_that_agency_only()
    {
        var report = Scorecard.Compute(Month(), From, To, TestDefinitions_Insurance);

        report.Agencies.ShouldHaveSingleItem().Agency.ShouldBe(TestDefinitions_Insurance);
        report.Province.Dossiers.ShouldBe(0);    // S1 receives no dossiers; it only works on them
        report.ProvinceSteps.Steps.ShouldBe(9);
    }

    private const string TestDefinitions_Police = Dossiers.Tests.Engine.Workflows.TestDefinitions.Police;
    private const string TestDefinitions_Insurance = Dossiers.Tests.Engine.Workflows.TestDefinitions.Insurance;
}
