using System.Text.Json.Nodes;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;
using Dossiers.Engine.Workflows.Rehearsal;
using static Dossiers.Tests.Engine.Calendars.TestCalendars;

namespace Dossiers.Tests.Engine.Workflows;

public class when_rehearsing_a_workflow
{
    private static readonly WorkingCalendar Calendar = Vietnam;

    // A working Monday with no holiday near it (2 March 2026).
    private static readonly DateTimeOffset Monday = At("2026-03-02 08:00");

    /// <summary>Loaded, not validated: a rehearsal must also show what the budget rule would refuse.</summary>
    private static WorkflowDefinition Load(JsonObject json) =>
        WorkflowLoader.Parse(json.ToJsonString(), "test.v1.json").Definition ?? throw new InvalidOperationException("test definition does not load");

    private static WorkflowRehearsalResult Rehearse(JsonObject json, DateTimeOffset start,
        Dictionary<string, IReadOnlyList<string>>? outcomes = null, string? centre = null) =>
        WorkflowRehearsal.Run(Load(json), Calendar, TestDefinitions.Agencies, new RehearsalOptions(start, outcomes, centre));

    /// <summary>intake (4 h, the receiving centre) → appraise (1 WD, competent police) → return (2 h) → result; legal time 3 WD.</summary>
    private static JsonObject Linear(string appraisal = """{ "amount": 1, "unit": "WorkingDays" }""") => JsonNode.Parse($$"""
    {
      "definitionId": "9.999998-linear", "version": 1, "name": "Thẳng",
      "customProperties": { "procedure": { "code": "9.999998", "name": "Thẳng", "level": "commune",
                                           "legalTime": { "amount": 3, "unit": "WorkingDays" } } },
      "root": { "type": "Elsa.Flowchart", "version": 1, "id": "flow",
        "activities": [
          { "id": "intake", "type": "Dossier.Intake", "agency": "receiving-centre", "budget": { "amount": 4, "unit": "WorkingHours" } },
          { "id": "appraise", "type": "Dossier.Task", "agency": "competent:police", "title": "Thẩm định", "budget": {{appraisal}} },
          { "id": "return", "type": "Dossier.Task", "agency": "receiving-centre", "title": "Trả về một cửa", "budget": { "amount": 2, "unit": "WorkingHours" } },
          { "id": "result", "type": "Dossier.Result" }
        ],
        "connections": [
          { "source": { "activity": "intake", "port": "Accepted" }, "target": { "activity": "appraise", "port": "In" } },
          { "source": { "activity": "appraise", "port": "Done" }, "target": { "activity": "return", "port": "In" } },
          { "source": { "activity": "return", "port": "Done" }, "target": { "activity": "result", "port": "In" } }
        ] } }
    """)!.AsObject();

    /// <summary>intake → appraise (Approved | Rework | Rejected); Rework → fix → appraise again.</summary>
    private static JsonObject WithRework()
    {
        var json = Linear();
        var appraise = json.Activity("appraise");
        appraise["outcomes"] = new JsonArray("Approved", "Rework", "Rejected");
        json.Activities().Add(JsonNode.Parse("""{ "id": "fix", "type": "Dossier.Task", "agency": "receiving-centre", "title": "Bổ sung", "budget": { "amount": 2, "unit": "WorkingHours" } }"""));
        json.Activities().Add(JsonNode.Parse("""{ "id": "reject", "type": "Dossier.Reject" }"""));
        json.RemoveConnection("appraise", "Done");
        json.Connect("appraise", "Approved", "return");
        json.Connect("appraise", "Rework", "fix");
        json.Connect("appraise", "Rejected", "reject");
        json.Connect("fix", "Done", "appraise");
        return json;
    }

    [Fact]
    public void a_linear_flow_is_one_path_whose_steps_follow_each_other_on_the_calendar()
    {
        var rehearsal = Rehearse(Linear(), Monday, centre: TestDefinitions.Desk);

        var path = rehearsal.Paths.ShouldHaveSingleItem();
        path.Steps.Select(s => s.ActivityId).ShouldBe(["intake", "appraise", "return", "result"]);
        path.Choices.ShouldBeEmpty();
        path.End!.ActivityId.ShouldBe("result");
        for (var i = 1; i < path.Steps.Count; i++) path.Steps[i].StartsAt.ShouldBe(path.Steps[i - 1].DueAt);
        path.Steps[0].DueAt.ShouldBe(Calendar.Due(Monday, Budget.WorkingHours(4)).DueAt);
        path.EndsAt.ShouldBe(Calendar.Due(Monday, Budget.WorkingHours(4 + 8 + 2)).DueAt);
        path.BudgetHours.ShouldBe(14);
        path.LegalHours.ShouldBe(24);
        path.Fits.ShouldBeTrue();
        rehearsal.LegalDueAt.ShouldBe(Calendar.Due(Monday, Budget.WorkingDays(3)).DueAt);
        rehearsal.AllFit.ShouldBeTrue();
        rehearsal.Truncated.ShouldBeFalse();
    }

    [Fact]
    public void relative_agencies_resolve_for_the_receiving_centre_and_stay_notations_without_one()
    {
        var resolved = Rehearse(Linear(), Monday, centre: TestDefinitions.Desk).Paths[0].Steps;
        resolved[0].Agency.ShouldBe(new StepAgency("receiving-centre", TestDefinitions.Desk, "TTPVHCC xã Một"));
        resolved[1].Agency.ShouldBe(new StepAgency("competent:police", TestDefinitions.Police, "CA xã Một"));

        var unresolved = Rehearse(Linear(), Monday).Paths[0].Steps;
        unresolved[1].Agency.ShouldBe(new StepAgency("competent:police", null, null));
        unresolved[3].Agency.ShouldBeNull();   // an end works nowhere
    }

    [Fact]
    public void a_decision_and_a_task_with_two_outcomes_are_choice_points_giving_a_path_each()
    {
        var rehearsal = Rehearse(TestDefinitions.Valid(), Monday);

        rehearsal.Paths.Select(p => string.Join(",", p.Choices.Select(c => $"{c.Key}={string.Join("+", c.Value)}")))
            .ShouldBe(["check=Ok,needs=True", "check=Ok,needs=False", "check=Refuse"]);
        rehearsal.Paths.Select(p => p.End!.ActivityId).ShouldBe(["result", "result", "reject"]);
        rehearsal.Paths[1].Steps.ShouldNotContain(s => s.ActivityId == "verify");
        rehearsal.Paths.Select(p => p.Number).ShouldBe([1, 2, 3]);
    }

    [Fact]
    public void a_fork_runs_its_branches_from_one_instant_and_a_wait_all_join_continues_at_the_longest()
    {
        var path = Rehearse(TestDefinitions.Valid(), Monday).Paths[1];   // check=Ok, needs=False

        var fork = path.Steps.Single(s => s.ActivityId == "fork");
        var police = path.Steps.Single(s => s.ActivityId == "police");
        var insurance = path.Steps.Single(s => s.ActivityId == "insurance");
        var join = path.Steps.Single(s => s.ActivityId == "join");
        police.StartsAt.ShouldBe(fork.StartsAt);
        insurance.StartsAt.ShouldBe(fork.StartsAt);
        police.Branch.ShouldBe("fork/Police");
        join.StartsAt.ShouldBe(police.DueAt);
        join.StartsAt.ShouldBeGreaterThan(insurance.DueAt);
        path.BudgetHours.ShouldBe(8 + 16);   // check, then the longer branch only
        path.EndsAt.ShouldBe(Calendar.Due(Monday, Budget.WorkingDays(3)).DueAt);
    }

    [Fact]
    public void a_wait_any_join_continues_at_the_first_arrival_while_the_budget_still_counts_the_longest_branch()
    {
        var json = TestDefinitions.Valid();
        json.Activity("join")["mode"] = "WaitAny";

        var path = Rehearse(json, Monday).Paths[1];

        path.Steps.Single(s => s.ActivityId == "join").StartsAt.ShouldBe(path.Steps.Single(s => s.ActivityId == "insurance").DueAt);
        path.BudgetHours.ShouldBe(24);
    }

    [Fact]
    public void a_path_over_the_legal_time_does_not_fit_and_says_by_how_many_working_hours()
    {
        var json = TestDefinitions.Valid();
        json["customProperties"]!["procedure"]!["legalTime"] = JsonNode.Parse("""{ "amount": 3, "unit": "WorkingDays" }""");

        var rehearsal = Rehearse(json, Monday);

        var verified = rehearsal.Paths[0];   // check 8 h + verify 8 h + police 16 h = 32 h against 24 h
        verified.BudgetHours.ShouldBe(32);
        verified.LegalHours.ShouldBe(24);
        verified.Fits.ShouldBeFalse();
        verified.LateByHours.ShouldBe(8);
        verified.EndsAt.ShouldBeGreaterThan(verified.LegalDueAt);
        Calendar.WorkingTimeBetween(verified.LegalDueAt, verified.EndsAt).ShouldBe(TimeSpan.FromHours(8));
        rehearsal.Paths[1].Fits.ShouldBeTrue();   // exactly 24 h, due exactly at the legal due time
        rehearsal.Paths[1].EndsAt.ShouldBe(rehearsal.LegalDueAt);
        rehearsal.AllFit.ShouldBeFalse();
    }

    [Fact]
    public void a_step_started_on_friday_afternoon_is_due_when_the_calendar_says_on_monday()
    {
        var friday = At("2026-03-06 15:00");
        var json = Linear();
        json.Activity("intake").Remove("budget");

        var appraise = Rehearse(json, friday).Paths[0].Steps.Single(s => s.ActivityId == "appraise");

        appraise.StartsAt.ShouldBe(friday);
        appraise.DueAt.ShouldBe(Calendar.Due(friday, Budget.WorkingDays(1)).DueAt);
        appraise.DueAt.ShouldBe(At("2026-03-09 15:00"));   // 2 h on Friday, 6 h on Monday
    }

    [Fact]
    public void a_step_across_tet_is_due_after_the_holiday_as_the_calendar_counts_it()
    {
        var beforeTet = At("2026-02-13 10:00");
        var json = Linear("""{ "amount": 3, "unit": "WorkingDays" }""");
        json.Activity("intake").Remove("budget");

        var appraise = Rehearse(json, beforeTet).Paths[0].Steps.Single(s => s.ActivityId == "appraise");

        appraise.DueAt.ShouldBe(Calendar.Due(beforeTet, Budget.WorkingDays(3)).DueAt);
        appraise.DueAt.ShouldBe(At("2026-02-25 10:00"));   // docs/deadlines.md, worked example 1
    }

    [Fact]
    public void waiting_for_payment_stops_the_clock_and_counts_no_time()
    {
        var json = Linear();
        json.Activities().Add(JsonNode.Parse("""{ "id": "pay", "type": "Dossier.AwaitPayment", "agency": "S1", "title": "Nộp lệ phí" }"""));
        json.RemoveConnection("appraise", "Done");
        json.Connect("appraise", "Done", "pay");
        json.Connect("pay", "Paid", "return");

        var path = Rehearse(json, Monday).Paths.ShouldHaveSingleItem();

        var pay = path.Steps.Single(s => s.ActivityId == "pay");
        pay.DueAt.ShouldBe(pay.StartsAt);
        pay.BudgetHours.ShouldBe(0);
        pay.Note.ShouldBe(WorkflowRehearsal.PaymentNote);
        pay.Agency!.Code.ShouldBe(TestDefinitions.Insurance);
        path.BudgetHours.ShouldBe(14);
    }

    [Fact]
    public void a_rework_loop_is_gone_around_once_and_every_path_ends()
    {
        var rehearsal = Rehearse(WithRework(), Monday);

        rehearsal.Paths.Select(p => string.Join("+", p.Choices["appraise"]))
            .ShouldBe(["Approved", "Rework+Approved", "Rework+Rejected", "Rejected"]);
        rehearsal.Paths.ShouldAllBe(p => p.End != null && !p.Truncated);
        rehearsal.Paths[1].Steps.Count(s => s.ActivityId == "appraise").ShouldBe(2);
        rehearsal.Paths[1].BudgetHours.ShouldBe(4 + 8 + 2 + 8 + 2);
        rehearsal.Truncated.ShouldBeFalse();
    }

    [Fact]
    public void pinned_outcomes_follow_successive_visits_and_leave_one_path()
    {
        var rehearsal = Rehearse(WithRework(), Monday, new() { ["appraise"] = ["Rework", "Rework", "Approved"] });

        var path = rehearsal.Paths.ShouldHaveSingleItem();
        string.Join("+", path.Choices["appraise"]).ShouldBe("Rework+Rework+Approved");
        path.Steps.Count(s => s.ActivityId == "fix").ShouldBe(2);
        path.BudgetHours.ShouldBe(4 + 8 + 2 + 8 + 2 + 8 + 2);
        path.Fits.ShouldBeFalse();   // 34 h of a 24 h legal time
        path.LateByHours.ShouldBe(10);
    }

    [Fact]
    public void a_pinned_loop_that_never_leaves_is_cut_at_the_step_limit_and_said_so()
    {
        var rehearsal = Rehearse(WithRework(), Monday, new() { ["appraise"] = ["Rework"] });

        var path = rehearsal.Paths.ShouldHaveSingleItem();
        path.Truncated.ShouldBeTrue();
        path.End.ShouldBeNull();
        path.Fits.ShouldBeFalse();
        path.Steps.Count.ShouldBe(WorkflowRehearsal.MaxStepsPerPath);
        rehearsal.Truncated.ShouldBeTrue();
    }

    [Fact]
    public void a_pinned_port_that_does_not_exist_is_refused_naming_the_ports()
    {
        var definition = Load(WithRework());
        var pins = new Dictionary<string, IReadOnlyList<string>> { ["appraise"] = ["Maybe"], ["nowhere"] = ["Done"], ["intake"] = ["Accepted"] };

        var problems = WorkflowRehearsal.PinProblems(definition, pins);

        problems["appraise"].ShouldContain("Approved, Rework, Rejected");
        problems["appraise"].ShouldContain("'Maybe'");
        problems["nowhere"].ShouldContain("appraise (Approved|Rework|Rejected)");
        problems["intake"].ShouldContain("chooses no port");
        Should.Throw<ArgumentException>(() => WorkflowRehearsal.Run(definition, Calendar, TestDefinitions.Agencies,
            new RehearsalOptions(Monday, pins))).Message.ShouldContain("'Maybe'");
    }

    [Fact]
    public void more_than_sixty_four_paths_are_cut_and_said_so()
    {
        // Seven two-way decisions in a row: 128 paths.
        var json = Linear();
        json.RemoveConnection("appraise", "Done");
        json.Connect("appraise", "Done", "d0");
        for (var i = 0; i < 7; i++)
        {
            json.Activities().Add(JsonNode.Parse($$"""{ "id": "d{{i}}", "type": "Elsa.FlowDecision", "condition": "true" }"""));
            var next = i == 6 ? "return" : $"d{i + 1}";
            json.Connect($"d{i}", "True", next);
            json.Connect($"d{i}", "False", next);
        }

        var rehearsal = Rehearse(json, Monday);

        rehearsal.Paths.Count.ShouldBe(WorkflowRehearsal.MaxPaths);
        rehearsal.Truncated.ShouldBeTrue();
        rehearsal.Paths.Select(p => string.Join(",", p.Choices.Select(c => c.Value[0]))).Distinct().Count().ShouldBe(WorkflowRehearsal.MaxPaths);
    }
}
