using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Projections.Evaluation;
using Dossiers.Projections.Evaluations;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Evaluations;
using static Dossiers.Tests.Evaluations.EvaluationMonth;

namespace Dossiers.Tests.Projections;

/// <summary>
/// March 2026's evaluation of agencies and officers, computed by hand from every kind of input. Centres A and B, police
/// P and unit T are <see cref="EvaluationMonth"/>'s, whose five citizen evaluations are used as they are.
/// <code>
/// scorecard (given)       A: handled-by 4 finished, indicator 1 avg 2.00; steps 4, avg 1.75
///                         P: handled-by 3 finished, avg 0.67; steps 6, avg 1.00
///                         officers a.lan@A steps avg 1.25, p.an@P 1.50, p.binh@P 0.00
/// explanations            P: 2 requested, 1 answered on time, 1 open → none late, but requested → 1
///                         B: 1 requested, overdue unanswered → 0;  A: none, has dossiers → 2;  T: none, no dossier → not scored
/// feedback (PAKN)         A: 1 refused on time → 100 % → 2;  P: 1 answered on time by p.an, 1 late by p.binh → 50 % → 0
/// citizens (EvaluationMonth)   A: ind. 3, 4, 7 avg 1.00, satisfaction 1/1/1 → (2+1+0)/3 = 1.00
///                         B: 1.00, 2.00, 1.50, satisfaction 0/1/1 → 0.50;  P: 1.67 each, 1/2/0 → 1.33;  T: 0.50, 1.50, 1.00, 0.50
/// totals, every weight 1  A: (2 + 1.75 + 2 + 2 + 1 + 1 + 1 + 1) / 8 = 1.46875 → 1.47 Hoàn thành
///                         B: (0 + 1 + 2 + 1.5 + 0.5) / 5 = 1.00 Hoàn thành (exactly the pass mark)
///                         P: (0.67 + 1 + 1 + 0 + 1.67 × 3 + 1.33) / 8 = 1.12625 → 1.13 Hoàn thành
///                         T: (0.5 + 1.5 + 1 + 0.5) / 4 = 0.875 → 0.88 Chưa hoàn thành
/// </code>
/// Officers are credited with the evaluations of dossiers in which they completed a step: E1 (a.lan at A, p.an at P),
/// E2 (p.binh at P, t.hoa at T), E4 (p.an at P).
/// <code>
/// p.an    steps 1.50, PAKN 100 % → 2, E1+E4: ind. 3, 4, 7 2.00, satisfaction (2+1)/2 = 1.50 → 11 / 6 = 1.83 Hoàn thành tốt
/// p.binh  steps 0.00, PAKN 0 % → 0, E2: 1.00 each → 4 / 6 = 0.67 Chưa hoàn thành
/// a.lan   steps 1.25, no PAKN, E1: 2.00 each → 9.25 / 5 = 1.85 Hoàn thành tốt
/// t.hoa   no steps, no PAKN, E2: 1.00 each → 1.00 Hoàn thành
/// </code>
/// </summary>
public class when_evaluating_agencies_and_officers
{
    private static readonly DateTimeOffset CutOff = To;
    private static readonly IReadOnlyList<ServiceEvaluation> Evaluations = [.. Events().Select(ServiceEvaluation.Of)];

    private static DateTimeOffset Mar(int day, int hour = 9) => new(2026, 3, day, hour, 0, 0, TimeSpan.FromHours(7));

    private static DossierScores Handled(int finished, decimal average) =>
        new(ScoringBasis.HandledBy, finished, 0, finished, finished, 0, 0, 100m, finished, 1m, 0, finished, 0, average, 0, 0, 0);

    private static DossierScores None(string basis) => new(basis, 0, 0, 0, 0, 0, 0, null, 0, null, 0, 0, 0, null, 0, 0, 0);

    private static readonly ScorecardReport Scorecard = new(From, To, CutOff, new ScorecardFilter(), None(ScoringBasis.Province), new StepScores(0, 0, 0, 0, null),
        [
            new AgencyScores(A, "commune", None(ScoringBasis.ReceivedAt), Handled(4, 2.00m), new StepScores(4, 3, 1, 0, 1.75m)),
            new AgencyScores(P, "commune", None(ScoringBasis.ReceivedAt), Handled(3, 0.67m), new StepScores(6, 2, 2, 2, 1.00m)),
        ],
        [
            new OfficerScores("a.lan", A, new StepScores(4, 1, 3, 0, 1.25m)),
            new OfficerScores("p.an", P, new StepScores(4, 2, 2, 0, 1.50m)),
            new OfficerScores("p.binh", P, new StepScores(2, 0, 0, 2, 0.00m)),
        ]);

    private static readonly Actor Controller = new("control", "controller", null);

    private static Explanation Asked(string agency, DateTimeOffset at, DateTimeOffset due, DateTimeOffset? answered = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "X", "1.004194", null, null, agency, at, null, Budget.WorkingDays(2), due, "v", Controller, at)
        {
            Answer = answered is { } when ? new LateCauseAnswer("missing-staff", null, "x", when > due, new Actor("p", "officer", agency), when) : null,
        };

    private static readonly IReadOnlyList<Explanation> Explanations =
    [
        Asked(P, Mar(5), due: Mar(9), answered: Mar(6)),     // on time
        Asked(P, Mar(30), due: Mar(31, 17) + TimeSpan.FromDays(2)),   // open at the month's end
        Asked(B, Mar(10), due: Mar(12)),                      // overdue, never answered
    ];

    private static CitizenFeedback Feedback(int n, string? agency, DateTimeOffset? answered = null, string? by = null, DateTimeOffset? refused = null,
        FeedbackDeadline[]? late = null) => new()
    {
        Id = new Guid($"0193f000-0000-7000-8000-{n:D12}"), ReceivedAt = Mar(2), ReceivingCentre = A, AssignedAgency = agency,
        Status = refused is not null ? FeedbackStatus.Refused : FeedbackStatus.Answered, ResolveBy = Mar(23), AnsweredAt = answered,
        AnsweredBy = by is null ? null : new Actor(by, "officer", agency), RefusedAt = refused, LateActs = late ?? [], Missed = [],
        ProcedureCode = "1.004194", Subject = "s", Content = "c",
    };

    private static readonly IReadOnlyList<CitizenFeedback> Pakn =
    [
        Feedback(1, null, refused: Mar(3)),                                               // A's, refused on time
        Feedback(2, P, answered: Mar(16), by: "p.an"),                                    // P's, on time
        Feedback(3, P, answered: Mar(27), by: "p.binh", late: [FeedbackDeadline.Resolution]),   // P's, late
    ];

    /// <summary>Who completed the steps of the evaluated dossiers E1, E2 and E4 (February, before the evaluations).</summary>
    private static IReadOnlyList<DossierSla> EvaluatedDossiers()
    {
        var done = new DateTimeOffset(2026, 2, 20, 9, 0, 0, TimeSpan.FromHours(7));
        StepSla Step(string agency, string user) =>
            new("t-" + user, "a", agency, "Bước", Budget.WorkingDays(1), done.AddHours(-1), done.AddDays(1), null, CompletedAt: done, CompletedBy: user,
                Timeliness: Timeliness.Early);
        return
        [
            new DossierSla { Id = Evaluations[0].DossierId, Steps = [Step(P, "p.an"), Step(A, "a.lan")] },
            new DossierSla { Id = Evaluations[1].DossierId, Steps = [Step(P, "p.binh"), Step(T, "t.hoa")] },
            new DossierSla { Id = Evaluations[3].DossierId, Steps = [Step(P, "p.an")] },
        ];
    }

    private static EvaluationInputs Inputs => new(Scorecard, Explanations, Pakn, Evaluations, EvaluatedDossiers());

    private static decimal? Score(IReadOnlyList<IndicatorScore> indicators, string key) => indicators.Single(i => i.Key == key).Score;

    [Fact]
    public void each_indicator_of_each_agency_scores_as_computed_by_hand()
    {
        var agencies = AgencyEvaluation.Agencies(Inputs, EvaluationRules.Default);

        agencies.Select(a => a.Agency).ShouldBe([B, A, P, T]);
        var expected = new Dictionary<string, decimal?[]>
        {
            //      dossierTime stepTime explanations feedback contacts agencies attitude satisfaction
            [A] = [2.00m, 1.75m, 2, 2, 1.00m, 1.00m, 1.00m, 1.00m],
            [B] = [null, null, 0, null, 1.00m, 2.00m, 1.50m, 0.50m],
            [P] = [0.67m, 1.00m, 1, 0, 1.67m, 1.67m, 1.67m, 1.33m],
            [T] = [null, null, null, null, 0.50m, 1.50m, 1.00m, 0.50m],
        };
        foreach (var agency in agencies)
            agency.Indicators.Select(i => i.Score).ShouldBe(expected[agency.Agency], agency.Agency);
        agencies.ShouldAllBe(a => a.Indicators.Select(i => i.Key).SequenceEqual(Indicators.All));
        var police = agencies.Single(a => a.Agency == P);
        police.Indicators.Single(i => i.Key == Indicators.Explanations).ShouldSatisfyAllConditions(i => i.Judged.ShouldBe(2), i => i.Measure.ShouldBe(0));
        police.Indicators.Single(i => i.Key == Indicators.Feedback).ShouldSatisfyAllConditions(i => i.Judged.ShouldBe(2), i => i.Measure.ShouldBe(50.0m));
        police.Indicators.Single(i => i.Key == Indicators.Satisfaction).Measure.ShouldBe(100.0m);
        agencies.Single(a => a.Agency == B).Explanations!.OverdueUnanswered.ShouldBe(1);
    }

    [Fact]
    public void the_total_is_the_mean_of_the_scored_indicators_and_the_grade_follows_it()
    {
        var agencies = AgencyEvaluation.Agencies(Inputs, EvaluationRules.Default).ToDictionary(a => a.Agency);

        (agencies[A].Total, agencies[A].Grade, agencies[A].GradeLabel).ShouldBe((1.47m, Grade.Pass, "Hoàn thành"));
        (agencies[B].Total, agencies[B].Grade).ShouldBe((1.00m, Grade.Pass));
        (agencies[P].Total, agencies[P].Grade).ShouldBe((1.13m, Grade.Pass));
        (agencies[T].Total, agencies[T].Grade, agencies[T].GradeLabel).ShouldBe((0.88m, Grade.Fail, "Chưa hoàn thành"));
    }

    [Fact]
    public void weights_and_thresholds_come_from_the_rules()
    {
        // The citizens' four indicators weigh nothing: A = (2 + 1.75 + 2 + 2) / 4 = 1.9375 → 1.94, Hoàn thành tốt.
        // PAKN passes from 50 %: P's feedback scores 1; P = (0.67 + 1 + 1 + 1) / 4 = 0.9175 → 0.92, under the pass mark.
        var rules = EvaluationRules.Default with
        {
            Weights = new Dictionary<string, decimal>
            {
                [Indicators.Contacts] = 0, [Indicators.AgenciesContacted] = 0, [Indicators.Attitude] = 0, [Indicators.Satisfaction] = 0,
            },
            FeedbackPassRate = 50m,
        };
        var agencies = AgencyEvaluation.Agencies(Inputs, rules).ToDictionary(a => a.Agency);

        (agencies[A].Total, agencies[A].Grade, agencies[A].GradeLabel).ShouldBe((1.94m, Grade.Good, "Hoàn thành tốt"));
        Score(agencies[P].Indicators, Indicators.Feedback).ShouldBe(1);
        (agencies[P].Total, agencies[P].Grade).ShouldBe((0.92m, Grade.Fail));
        (agencies[T].Total, agencies[T].Grade).ShouldBe((null, null));   // nothing left to score
        // A late explanation allowed: B's overdue one passes.
        Score(AgencyEvaluation.Agencies(Inputs, EvaluationRules.Default with { ExplanationsPassLate = 1 }).Single(a => a.Agency == B).Indicators,
            Indicators.Explanations).ShouldBe(1);
    }

    [Fact]
    public void each_officer_is_scored_on_their_steps_their_answers_and_the_evaluations_of_their_dossiers()
    {
        var officers = AgencyEvaluation.Officers(Inputs, EvaluationRules.Default);

        officers.Select(o => (o.User, o.Agency)).ShouldBe([("a.lan", A), ("p.an", P), ("p.binh", P), ("t.hoa", T)]);
        var expected = new Dictionary<string, (decimal?[] Scores, decimal Total, Grade Grade)>
        {
            //              stepTime feedback contacts agencies attitude satisfaction
            ["p.an"] = ([1.50m, 2, 2.00m, 2.00m, 2.00m, 1.50m], 1.83m, Grade.Good),
            ["p.binh"] = ([0.00m, 0, 1.00m, 1.00m, 1.00m, 1.00m], 0.67m, Grade.Fail),
            ["a.lan"] = ([1.25m, null, 2.00m, 2.00m, 2.00m, 2.00m], 1.85m, Grade.Good),
            ["t.hoa"] = ([null, null, 1.00m, 1.00m, 1.00m, 1.00m], 1.00m, Grade.Pass),
        };
        foreach (var officer in officers)
        {
            officer.Indicators.Select(i => i.Score).ShouldBe(expected[officer.User].Scores, officer.User);
            (officer.Total, officer.Grade).ShouldBe((expected[officer.User].Total, expected[officer.User].Grade), officer.User);
        }
        officers.Single(o => o.User == "p.an").Citizens!.Evaluations.ShouldBe(2);
        officers.ShouldAllBe(o => !o.Indicators.Any(i => i.Key == Indicators.Explanations || i.Key == Indicators.DossierTime));
    }

    [Fact]
    public void one_officer_and_one_agency_narrow_the_lists()
    {
        AgencyEvaluation.Officers(Inputs, EvaluationRules.Default, user: "p.an").ShouldHaveSingleItem().Total.ShouldBe(1.83m);
        AgencyEvaluation.Officers(Inputs, EvaluationRules.Default, selected: a => a == P).Select(o => o.User).ShouldBe(["p.an", "p.binh"]);
        AgencyEvaluation.Agencies(Inputs, EvaluationRules.Default, selected: a => a == T).ShouldHaveSingleItem().Agency.ShouldBe(T);
    }

    [Fact]
    public void rules_that_make_no_sense_are_named()
    {
        EvaluationRules.Default.Problem().ShouldBeNull();
        (EvaluationRules.Default with { Weights = new Dictionary<string, decimal> { ["speed"] = 1 } }).Problem()!.ShouldContain("Weights:speed");
        (EvaluationRules.Default with { Weights = new Dictionary<string, decimal> { [Indicators.Attitude] = -1 } }).Problem()!.ShouldContain("Weights:attitude");
        (EvaluationRules.Default with { Weights = Indicators.All.ToDictionary(i => i, _ => 0m) }).Problem()!.ShouldContain("weight 0");
        (EvaluationRules.Default with { FeedbackPassRate = 101 }).Problem()!.ShouldContain("FeedbackPassRate");
        (EvaluationRules.Default with { PassFrom = 1.6m }).Problem()!.ShouldContain("PassFrom");
    }
}
