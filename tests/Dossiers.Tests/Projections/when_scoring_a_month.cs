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
    private static readonly DateTimeOffset Later = At(15, 4, 9, 0);   // computed after the month: read at its end

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
        var d9 = Started(March2)                                            // waiting for the applicant since before its due time: in progress
            .Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Police, at: Day(6, 3, 9, 15));
        var d10 = Finished(Started(Day(30, 3, 9, 15)), Day(2, 4, 10));      // due Mon 06/04, finished in April: in progress at the period's end
        var d11 = new List<object>(DossierDecider.Decide(null, SubmitCommand() with { DossierId = Guid.NewGuid() }, Context(Desk, at: March2)))
            .Then(new DossierCommand.Refuse("Không thuộc thẩm quyền"), Desk, at: March2);   // refused at the desk: not counted
        var d12 = Finished(Started(Day(23, 2, 9, 15)), Day(3, 3, 10));      // carried over from February, due Mon 02/03: late, 0; 48.75 h
        return [.. new[] { d1, d2, d3, d4, d5, d6, d7, d8, d9, d10, d11, d12 }.Select(h => h.Aggregate((DossierSla?)null, DossierSla.Next)!)];
    }

    [Fact]
    public void the_on_time_rate_follows_the_766_rules_and_leaves_dossiers_not_yet_due_out()
    {
        var province = Scorecard.Compute(Month(), From, To, Later).Province;

        province.Basis.ShouldBe(ScoringBasis.Province);
        province.Dossiers.ShouldBe(11);          // d11 was never received
        province.OnTime.ShouldBe(4);             // d1 d2 d4 d7
        province.Late.ShouldBe(5);               // d3 d5 d6 d8 d12
        province.InProgress.ShouldBe(2);         // d9 (its clock stands still), d10 (due 06/04)
        province.OnTimeRate.ShouldBe(44.4m);     // 4 / (4 + 5)
    }

    [Fact]
    public void every_dossier_stands_in_one_place_at_the_period_s_end()
    {
        var province = Scorecard.Compute(Month(), From, To, Later).Province;

        (province.CarriedOver, province.Received).ShouldBe((1, 10));                 // d12 came from February
        (province.Finished, province.Withdrawn, province.Stopped).ShouldBe((7, 1, 0)); // d7 withdrawn (then stopped)
        (province.InProgress, province.Overdue).ShouldBe((2, 1));                      // d8 never worked on, past due
        (province.Finished + province.Withdrawn + province.Stopped + province.InProgress + province.Overdue).ShouldBe(province.Dossiers);
    }

    [Fact]
    public void while_the_period_runs_it_is_read_at_now()
    {
        // Tuesday 10/03 08:00: d1 d2 finished on time, d3 d4 d5 not finished yet; d3 d5 are past their due time (09/03
        // 09:15), d4 (paused two days, due 11/03) is not; d6 is late by its second supplement, d7 withdrawn on time, d8
        // past due, d9 waiting since before its due time; d10 not yet accepted; d12 finished late on 03/03.
        var province = Scorecard.Compute(Month(), From, To, At(10, 3, 8, 0)).Province;

        province.Dossiers.ShouldBe(10);
        (province.OnTime, province.Late, province.InProgress).ShouldBe((3, 5, 2));   // d1 d2 d7 | d3 d5 d6 d8 d12 | d4 d9
        (province.Finished, province.Overdue).ShouldBe((4, 3));                       // d1 d2 d6 d12 | d3 d5 d8
    }

    [Fact]
    public void the_average_handling_time_counts_office_time_without_pauses()
    {
        var province = Scorecard.Compute(Month(), From, To, Later).Province;

        province.Finished.ShouldBe(7);           // d1 d2 d3 d4 d5 d6 d12
        // (24.75 + 39.75 + 48.75 + 32.75 + 64.75 + 19.75 + 48.75) h / 7 / 8 h = 4.99 working days
        province.AverageHandlingDays.ShouldBe(4.99m);
    }

    [Fact]
    public void indicator_1_scores_each_finished_dossier_2_1_0()
    {
        var province = Scorecard.Compute(Month(), From, To, Later).Province;

        (province.Early, province.FinishedOnTime, province.FinishedLate).ShouldBe((2, 1, 4));
        province.AverageScore.ShouldBe(0.71m);   // (2 + 1 + 0 + 2 + 0 + 0 + 0) / 7
    }

    [Fact]
    public void indicator_2_scores_every_step_per_agency_and_per_officer()
    {
        var report = Scorecard.Compute(Month(), From, To, Later);

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
    public void dossier_figures_are_credited_to_the_receiving_desk_and_to_every_agency_that_held_a_step()
    {
        var agencies = Scorecard.Compute(Month(), From, To, Later).Agencies.ToDictionary(a => a.Agency);

        agencies.Keys.ShouldBe([TestDefinitions_Desk, TestDefinitions_Police, TestDefinitions_Insurance], ignoreOrder: true);
        agencies[TestDefinitions_Desk].Receiving.ShouldSatisfyAllConditions(
            r => r.Basis.ShouldBe(ScoringBasis.ReceivedAt), r => r.Dossiers.ShouldBe(11), r => r.OnTime.ShouldBe(4), r => r.Late.ShouldBe(5));
        agencies[TestDefinitions_Desk].Handling.Dossiers.ShouldBe(0);        // D1 holds no step of this workflow
        agencies[TestDefinitions_Police].Receiving.Dossiers.ShouldBe(0);
        agencies[TestDefinitions_Police].Handling.ShouldSatisfyAllConditions(  // the check is P1's from acceptance: all 11
            h => h.Basis.ShouldBe(ScoringBasis.HandledBy), h => h.Dossiers.ShouldBe(11),
            h => (h.OnTime, h.Late, h.InProgress).ShouldBe((4, 5, 2)), h => h.Finished.ShouldBe(7));
        agencies[TestDefinitions_Insurance].Handling.ShouldSatisfyAllConditions(  // d8's check was never done: no insurance step
            h => h.Dossiers.ShouldBe(10), h => (h.OnTime, h.Late, h.InProgress).ShouldBe((4, 4, 2)), h => h.OnTimeRate.ShouldBe(50m));
    }

    [Fact]
    public void an_agency_filter_keeps_that_agency_and_the_dossiers_it_received_or_handled()
    {
        var report = Scorecard.Compute(Month(), From, To, Later, new ScorecardFilter(Agency: TestDefinitions_Insurance));

        report.Agencies.ShouldHaveSingleItem().Agency.ShouldBe(TestDefinitions_Insurance);
        report.Province.Basis.ShouldBe(ScoringBasis.SelectedAgencies);
        report.Province.Dossiers.ShouldBe(10);   // S1 receives no dossiers; it worked on ten, each counted once
        report.ProvinceSteps.Steps.ShouldBe(9);
    }

    [Fact]
    public void a_level_filter_keeps_the_agencies_of_that_level()
    {
        string? Level(string agency) => agency == TestDefinitions_Insurance ? "province" : "commune";

        var report = Scorecard.Compute(Month(), From, To, Later, new ScorecardFilter(Level: "commune"), levelOf: Level);

        report.Agencies.Select(a => a.Agency).ShouldBe([TestDefinitions_Desk, TestDefinitions_Police]);
        report.Agencies.ShouldAllBe(a => a.Level == "commune");
        report.Province.Dossiers.ShouldBe(11);
        report.ProvinceSteps.Steps.ShouldBe(16);   // the police's steps, not the insurance's
    }

    [Fact]
    public void a_procedure_filter_keeps_that_procedure_s_dossiers()
    {
        var procedure = Month()[0].ProcedureCode;   // the test workflow's 9.999999

        Scorecard.Compute(Month(), From, To, Later, new ScorecardFilter(Procedure: procedure)).Province.Dossiers.ShouldBe(11);
        var other = Scorecard.Compute(Month(), From, To, Later, new ScorecardFilter(Procedure: "1.004194"));
        other.Province.Dossiers.ShouldBe(0);
        other.Agencies.ShouldBeEmpty();
    }

    private const string TestDefinitions_Desk = Dossiers.Tests.Engine.Workflows.TestDefinitions.Desk;
    private const string TestDefinitions_Police = Dossiers.Tests.Engine.Workflows.TestDefinitions.Police;
    private const string TestDefinitions_Insurance = Dossiers.Tests.Engine.Workflows.TestDefinitions.Insurance;
}
