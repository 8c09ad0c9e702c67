using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Projections;

/// <summary>
/// November 2025 scored on 2 December, 15 December and 20 January: each time with the events the decider had made
/// by then (its clock set to each instant), so later finishes, resumes and a second supplement request are all in the
/// later histories. The month's figures must not move. Test workflow: legal time 5 working days (no holiday in these weeks).
/// </summary>
public class when_scoring_a_month_later
{
    private static readonly DateTimeOffset From = Nov(1, 0), To = new(2025, 12, 1, 0, 0, 0, TimeSpan.FromHours(7));

    private static DateTimeOffset Nov(int day, int hour) => new(2025, 11, day, hour, 0, 0, TimeSpan.FromHours(7));
    private static DateTimeOffset Dec(int day, int hour) => new(2025, 12, day, hour, 0, 0, TimeSpan.FromHours(7));

    /// <summary>A dossier's events, each with the instant the decider made it (the clock it was given).</summary>
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

    private static History Accepted(DateTimeOffset at) => new History()
        .Do(SubmitCommand() with { DossierId = Guid.NewGuid() }, Desk, at)
        .Do(new DossierCommand.Accept(1), Desk, at);

    private static History Worked(History history, DateTimeOffset at) => history
        .Do(new DossierCommand.CompleteTask("check", "Ok", null), Police, at)
        .Do(new DossierCommand.CompleteTask("insurance", "Done", null), Insurance, at.AddMinutes(30));

    private static History Finished(History history, DateTimeOffset at) =>
        history.Do(new DossierCommand.CompleteTask("police", "Done", null), Police, at);

    /// <summary>The four dossiers of the month and what became of them later.</summary>
    private static IReadOnlyList<History> Histories() =>
    [
        // on time: accepted Mon 03/11 09:00 (due Mon 10/11 09:00), finished Wed 05/11
        Finished(Worked(Accepted(Nov(3, 9)), Nov(3, 10)), Nov(5, 10)),
        // the reported case: accepted Thu 27/11 09:00, due Thu 04/12 09:00, open at the month's end: in progress,
        // then finished late on Fri 05/12 (December's business, not November's)
        Finished(Worked(Accepted(Nov(27, 9)), Nov(27, 10)), Dec(5, 10)),
        // waiting for the applicant since Mon 24/11 (due Thu 27/11 09:00): in progress; resumed Wed 03/12, a second
        // supplement request on Thu 04/12 (late for good from then on), finished in January
        Finished(Worked(Accepted(Nov(20, 9)), Nov(20, 10))
            .Do(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Police, Nov(24, 9))
            .Do(new DossierCommand.ReceiveSupplement(null), Desk, Dec(3, 9))
            .Do(new DossierCommand.RequestSupplement(["Sổ hộ khẩu"], "Thiếu", true), Police, Dec(4, 9))
            .Do(new DossierCommand.ReceiveSupplement(null), Desk, Dec(10, 9)), new DateTimeOffset(2026, 1, 8, 10, 0, 0, TimeSpan.FromHours(7))),
        // accepted Mon 17/11 09:00, due Mon 24/11 09:00, still open at the month's end: late (overdue); finished Tue 02/12
        Finished(Worked(Accepted(Nov(17, 9)), Nov(17, 10)), Dec(2, 10)),
    ];

    private static IReadOnlyList<DossierSla> Folded(DateTimeOffset now) =>
        [.. Histories().Select(h => h.MadeBy(now).Aggregate((DossierSla?)null, DossierSla.Next)!)];

    /// <summary>The decider's events made by <paramref name="now"/>, folded, scored for November at <paramref name="now"/>.</summary>
    private static ScorecardReport November(DateTimeOffset now) => Scorecard.Compute(Folded(now), From, To, now);

    [Fact]
    public void a_dossier_not_yet_due_at_the_month_s_end_is_in_progress_not_late()
    {
        var province = November(Dec(2, 8)).Province;

        province.Dossiers.ShouldBe(4);
        (province.OnTime, province.Late, province.InProgress).ShouldBe((1, 1, 2));
        province.OnTimeRate.ShouldBe(50m);       // 1 / (1 + 1): the two in progress are in neither
        (province.Finished, province.Overdue).ShouldBe((1, 1));
    }

    [Fact]
    public void the_month_scores_the_same_whenever_it_is_computed()
    {
        var early = November(Dec(2, 8));
        var mid = November(Dec(15, 9));
        var late = November(new DateTimeOffset(2026, 1, 20, 9, 0, 0, TimeSpan.FromHours(7)));

        mid.Province.ShouldBe(early.Province);
        late.Province.ShouldBe(early.Province);
        mid.ProvinceSteps.ShouldBe(early.ProvinceSteps);
        late.ProvinceSteps.ShouldBe(early.ProvinceSteps);
        mid.Agencies.ShouldBe(early.Agencies);
        late.Agencies.ShouldBe(early.Agencies);
        late.Officers.ShouldBe(early.Officers);
        late.CutOff.ShouldBe(To);
    }

    [Fact]
    public void the_later_histories_really_moved_on()
    {
        // Guards the test above: had nothing happened after November, equal figures would prove nothing.
        var all = Folded(DateTimeOffset.MaxValue);
        var december = Scorecard.Compute(all, To, To.AddMonths(1), To.AddMonths(1)).Province;

        (december.Finished, december.Late).ShouldBe((2, 3));   // 02/12 late, 05/12 late; the paused one late by its second request
    }
}
