using System.Text.Json;
using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Evaluations;
using Dossiers.Projections.Evaluation;
using Dossiers.Projections.Evaluations;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Projections;

/// <summary>
/// March 2026's evaluation of agencies and officers computed on 2 April, 20 April and 15 May, each time from the read
/// models as they stood then (the decider's events made by that instant, folded; the explanations, feedback and
/// evaluations recorded by then). Things keep happening in April: a dossier finished late, explanations answered late
/// and on time, a feedback answered, two dossiers evaluated. March's evaluation must not move. Test workflow: legal time
/// 5 working days, no holiday in these weeks.
/// </summary>
public class when_evaluating_a_month_later
{
    private static readonly DateTimeOffset From = At(1, 3, 0), To = At(1, 4, 0);
    private static readonly Guid D1 = Guid.NewGuid(), D2 = Guid.NewGuid(), D3 = Guid.NewGuid();

    /// <summary>A dossier's events, each with the instant the decider made it.</summary>
    private sealed class History
    {
        private readonly List<object> _events = [];
        private readonly List<DateTimeOffset> _made = [];

        public History Do(DossierCommand command, Actor actor, DateTimeOffset at)
        {
            var before = _events.Count;
            if (before == 0) _events.AddRange(DossierDecider.Decide(null, command, Context(actor, at: at)));
            else _events.Then(command, actor, at: at);
            _made.AddRange(Enumerable.Repeat(at, _events.Count - before));
            return this;
        }

        public IEnumerable<object> MadeBy(DateTimeOffset now) => _events.Where((_, i) => _made[i] <= now);
    }

    private static History Handled(Guid id, DateTimeOffset accepted, DateTimeOffset finished) => new History()
        .Do(SubmitCommand() with { DossierId = id }, Desk, accepted)
        .Do(new DossierCommand.Accept(1), Desk, accepted)
        .Do(new DossierCommand.CompleteTask("check", "Ok", null), Police, accepted.AddHours(1))
        .Do(new DossierCommand.CompleteTask("insurance", "Done", null), Insurance, accepted.AddHours(1.5))
        .Do(new DossierCommand.CompleteTask("police", "Done", null), Police, finished);

    private static readonly IReadOnlyList<History> Histories =
    [
        Handled(D1, At(2, 3, 9), At(4, 3, 10)),    // early, in March
        Handled(D2, At(26, 3, 9), At(10, 4, 10)),  // due Thu 02/04 09:00: in progress at March's end, finished late in April
        Handled(D3, At(16, 3, 9), At(3, 4, 10)),   // due Mon 23/03 09:00: overdue at March's end, finished in April
    ];

    private static Explanation Asked(DateTimeOffset at, DateTimeOffset due, DateTimeOffset answered, DateTimeOffset now) =>
        new(Guid.NewGuid(), D3, "X", "9.999999", null, null, Police.Agency!, At(23, 3, 9), null, Budget.WorkingDays(2), due, "v",
            new Actor("control", "controller", null), at)
        {
            Answer = answered <= now ? new LateCauseAnswer("missing-staff", null, "x", answered > due, Police, answered) : null,
        };

    private static CitizenFeedback Feedback(int n, DateTimeOffset received, DateTimeOffset resolveBy, DateTimeOffset answered, DateTimeOffset now) => new()
    {
        Id = new Guid($"0193f000-0000-7000-8000-{n:D12}"), ReceivedAt = received, ReceivingCentre = Desk.Agency, AssignedAgency = Police.Agency,
        Status = answered <= now ? FeedbackStatus.Answered : FeedbackStatus.Assigned, ResolveBy = resolveBy,
        AnsweredAt = answered <= now ? answered : null, AnsweredBy = answered <= now ? Police : null,
        ProcedureCode = "9.999999", Subject = "s", Content = "c",
    };

    private static ServiceEvaluation Evaluated(Guid dossier, DateTimeOffset at, Satisfaction satisfaction) => new(EvaluationDecider.StreamIdFor(dossier), dossier,
        "9.999999", Desk.Agency!, [Police.Agency!, Insurance.Agency!], 0, 2, 1, 2, Attitude.Courteous, 2, satisfaction, EvaluationScale.Score(satisfaction),
        null, at.AddDays(-1), at);

    /// <summary>The read models as they stood at <paramref name="now"/>, for the period from..to.</summary>
    private static EvaluationInputs Inputs(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        var dossiers = Histories.Select(h => h.MadeBy(now).Aggregate((DossierSla?)null, DossierSla.Next)!).ToList();
        return new EvaluationInputs(
            Scorecard.Compute(dossiers, from, to, now),
            [
                Asked(At(25, 3, 9), due: At(27, 3, 9), answered: At(7, 4, 9), now),    // late, answered in April: overdue at March's end
                Asked(At(31, 3, 9), due: At(2, 4, 9), answered: At(1, 4, 9), now),     // on time, answered in April: open at March's end
            ],
            [
                Feedback(1, At(2, 3, 9), resolveBy: At(23, 3, 9), answered: At(5, 3, 9), now),   // answered in March, on time
                Feedback(2, At(20, 3, 9), resolveBy: At(10, 4, 9), answered: At(8, 4, 9), now),  // answered in April: open at March's end
            ],
            [
                .. new[]
                {
                    Evaluated(D1, At(10, 3, 9), Satisfaction.VerySatisfied),
                    Evaluated(D3, At(8, 4, 9), Satisfaction.NotSatisfied),
                    Evaluated(D2, At(20, 4, 9), Satisfaction.Satisfied),
                }.Where(e => e.EvaluatedAt <= now),
            ],
            dossiers);
    }

    private static string March(DateTimeOffset now)
    {
        var inputs = Inputs(From, To, now);
        return JsonSerializer.Serialize(new
        {
            Agencies = AgencyEvaluation.Agencies(inputs, EvaluationRules.Default),
            Officers = AgencyEvaluation.Officers(inputs, EvaluationRules.Default),
        });
    }

    [Fact]
    public void march_is_evaluated_the_same_whenever_it_is_computed()
    {
        var early = March(At(2, 4, 8));

        March(At(20, 4, 9)).ShouldBe(early);
        March(new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.FromHours(7))).ShouldBe(early);
    }

    [Fact]
    public void march_reads_as_it_stood_at_its_end()
    {
        var police = AgencyEvaluation.Agencies(Inputs(From, To, At(20, 4, 9)), EvaluationRules.Default).Single(a => a.Agency == Police.Agency);

        // Requested 2: one overdue unanswered, one open, as they stood at 01/04 00:00, whatever came after.
        (police.Explanations!.Requested, police.Explanations.OverdueUnanswered, police.Explanations.Open).ShouldBe((2, 1, 1));
        // Feedback 1 on time, feedback 2 open within its time: 100 %.
        (police.Feedback!.HandledOnTime, police.Feedback.Open, police.Feedback.OnTimeRate).ShouldBe((1, 1, 100.0m));
        police.Citizens!.Evaluations.ShouldBe(1);
        // D1 finished early (2); D2 in progress, D3 overdue.
        (police.Handling!.Finished, police.Handling.AverageScore, police.Handling.Overdue).ShouldBe((1, 2.00m, 1));
    }

    [Fact]
    public void the_later_read_models_really_moved_on()
    {
        // Guards the test above: April, read on 15 May, holds what happened after March.
        var may = new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.FromHours(7));
        var april = AgencyEvaluation.Agencies(Inputs(To, To.AddMonths(1), may), EvaluationRules.Default).Single(a => a.Agency == Police.Agency);

        (april.Handling!.Finished, april.Handling.FinishedLate).ShouldBe((2, 2));
        april.Citizens!.Evaluations.ShouldBe(2);
        Inputs(From, To, may).Explanations.Count(x => x.Answer is not null).ShouldBe(2);
    }
}
