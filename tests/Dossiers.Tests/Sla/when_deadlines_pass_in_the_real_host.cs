using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Sla;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;
using JasperFx.Events;
using Marten.Events;
using Wolverine.Tracking;

namespace Dossiers.Tests.Sla;

/// <summary>Durable timers through the real host: a procedure with budgets of seconds, published for the test.</summary>
public class when_deadlines_pass_in_the_real_host(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";

    /// <summary>Publishes the temporary-residence file as a new version with tiny budgets (hours as fractions).</summary>
    private async Task PublishTinyProcedure(int version, decimal stepHours, decimal legalHours)
    {
        var json = ShippedDefinition("1.004194-tam-tru", version);
        json["customProperties"]!["procedure"]!["legalTime"] = new JsonObject { ["amount"] = legalHours, ["unit"] = "WorkingHours" };
        foreach (var activity in json["root"]!["activities"]!.AsArray())
            if (activity!["type"]!.GetValue<string>() is "Dossier.Task" or "Dossier.Intake")
                activity.AsObject()["budget"] = new JsonObject { ["amount"] = stepHours, ["unit"] = "WorkingHours" };
        await Publish(json);
    }

    private async Task<Guid> AcceptedDossier()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk);
        return submitted.Id;
    }

    private async Task<T> EventuallyRecorded<T>(Guid dossierId) where T : class => await Eventually.Get(async () =>
    {
        await using var session = Store.QuerySession();
        return (await session.Events.FetchStreamAsync(dossierId)).Select(e => e.Data).OfType<T>().FirstOrDefault();
    }, TimeSpan.FromSeconds(30), typeof(T).Name);

    private async Task<IReadOnlyList<IEvent>> Stream(Guid id)
    {
        await using var session = Store.QuerySession();
        return await session.Events.FetchStreamAsync(id);
    }

    [Fact]
    public async Task an_open_step_and_the_dossier_are_recorded_overdue_when_their_timers_fire()
    {
        await PublishTinyProcedure(version: 10, stepHours: 0.0005m, legalHours: 0.0025m);   // 1.8 s per step, 9 s in all
        var id = await AcceptedDossier();

        var taskOverdue = await EventuallyRecorded<TaskOverdue>(id);
        var dossierOverdue = await EventuallyRecorded<DossierOverdue>(id);

        taskOverdue.DetectedAt.ShouldBeGreaterThanOrEqualTo(taskOverdue.DueAt);
        dossierOverdue.DetectedAt.ShouldBeGreaterThanOrEqualTo(dossierOverdue.DueAt);
        (await Stream(id)).Where(e => e.Data is TaskOverdue or DossierOverdue).ShouldAllBe(e => (string)e.Headers!["user"] == "system");

        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var board = await Host.Scenario(s => { s.Get.Url("/api/sla/overdue"); s.WithBearerToken(Token(Roles.Auditor)); });
        var item = (await board.ReadAsJsonAsync<SlaBoard>())!.Items.ShouldHaveSingleItem();
        item.Id.ShouldBe(id);
        item.OpenSteps.ShouldHaveSingleItem().Overdue.ShouldBeTrue();
    }

    [Fact]
    public async Task a_duplicated_or_late_timer_changes_nothing()
    {
        await PublishTinyProcedure(version: 11, stepHours: 0.0005m, legalHours: 0.0025m);
        var id = await AcceptedDossier();
        var overdue = await EventuallyRecorded<TaskOverdue>(id);
        var timer = new DeadlineReached(id, DeadlineKind.Task, overdue.TaskId, overdue.DueAt, overdue.DueAt);
        var before = (await Stream(id)).Count;

        await Host.InvokeMessageAndWaitAsync(timer);
        await Host.InvokeMessageAndWaitAsync(timer);

        (await Stream(id)).Count(e => e.Data is TaskOverdue).ShouldBe(1);
        (await Stream(id)).Count.ShouldBeLessThanOrEqualTo(before + 1);   // at most the dossier's own overdue, never a second task one
    }

    [Fact]
    public async Task a_timer_for_a_step_done_in_time_records_nothing()
    {
        await PublishTinyProcedure(version: 12, stepHours: 0.002m, legalHours: 0.008m);   // 7.2 s for the step
        var id = await AcceptedDossier();
        var task = (await Stream(id)).Select(e => e.Data).OfType<TaskActivated>().First();
        await Host.Command($"/api/dossiers/{id}/tasks/{task.TaskId}/complete", Token(Roles.Officer, agency: PoliceAgency), new { outcome = "Approved" });

        await Host.InvokeMessageAndWaitAsync(new DeadlineReached(id, DeadlineKind.Task, task.TaskId, task.DueAt, Fixture.Clock.GetUtcNow()));

        (await Stream(id)).ShouldNotContain(e => e.Data is TaskOverdue);
    }

    [Fact]
    public async Task a_warning_fires_one_working_day_before_the_appointment_when_no_apology_was_made()
    {
        await PublishTinyProcedure(version: 13, stepHours: 0.0005m, legalHours: 8.0008m);   // the warning is due in ~3 s
        var id = await AcceptedDossier();

        var warning = await EventuallyRecorded<DueSoonWarned>(id);

        warning.WorkingTimeLeft.ShouldBeLessThanOrEqualTo(TimeSpan.FromHours(8));
    }
}
