using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Boards;
using Dossiers.Tests.Fixtures;
using Marten.Events;

namespace Dossiers.Tests.Sla;

public class when_reading_inboxes_and_hand_offs(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency);
    private string Police => Token(Roles.Officer, agency: PoliceAgency);

    private async Task<Guid> Accepted()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);
        return submitted.Id;
    }

    private async Task<T> Get<T>(string url, string token)
    {
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return (await (await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token); })).ReadAsJsonAsync<T>())!;
    }

    [Fact]
    public async Task the_inbox_shows_unacknowledged_hand_overs_first_then_open_tasks_by_due_time()
    {
        var acknowledged = await Accepted();
        await Host.Command($"/api/dossiers/{acknowledged}/tasks/appraise/acknowledge", Police);
        var waiting = await Accepted();
        var done = await Accepted();
        await Host.Command($"/api/dossiers/{done}/tasks/appraise/complete", Police, new { outcome = "Approved" });

        var inbox = await Get<Inbox>($"/api/agencies/{PoliceAgency}/inbox", Police);

        inbox.Items.Count.ShouldBe(3);
        (inbox.Items[0].DossierId, inbox.Items[0].Acknowledged).ShouldBe((waiting, false));
        inbox.Items.Skip(1).Select(i => (i.DossierId, i.TaskId)).ShouldBe([(acknowledged, "appraise"), (done, "approve")], ignoreOrder: true);
        inbox.Items[1].DueAt.ShouldBeLessThanOrEqualTo(inbox.Items[2].DueAt);
        inbox.Items[0].HandOver!.FromAgency.ShouldBe(DeskAgency);
        inbox.Items[0].Code.ShouldNotBeNull();
    }

    [Fact]
    public async Task an_officer_sees_only_the_inbox_of_their_own_agency() =>
        await Host.Scenario(s =>
        {
            s.Get.Url($"/api/agencies/{DeskAgency}/inbox");
            s.WithBearerToken(Police);
            s.StatusCodeShouldBe(403);
        });

    [Fact]
    public async Task the_matrix_counts_hand_overs_and_their_acknowledgement_latency()
    {
        var first = await Accepted();
        await Host.Command($"/api/dossiers/{first}/tasks/appraise/acknowledge", Police);
        await Host.Command($"/api/dossiers/{first}/tasks/appraise/complete", Police, new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{first}/tasks/approve/complete", Police, new { outcome = "Approved" });
        await Accepted();
        var day = $"{ShiftedClock.MondayMorning:yyyy-MM-dd}";

        var matrix = await Get<HandOffMatrix>($"/api/handoffs/matrix?from={day}&to={day}", Token(Roles.Auditor));

        var toPolice = matrix.Items.Single(c => c.FromAgency == DeskAgency && c.ToAgency == PoliceAgency);
        (toPolice.Count, toPolice.Acknowledged).ShouldBe((2, 1));
        toPolice.MedianMinutes.ShouldNotBeNull();
        toPolice.MedianMinutes!.Value.ShouldBeGreaterThanOrEqualTo(0);
        matrix.Items.Single(c => c.FromAgency == PoliceAgency && c.ToAgency == DeskAgency).Count.ShouldBe(1);
    }

    [Fact]
    public void percentiles_are_nearest_rank()
    {
        BoardEndpoints.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.5).ShouldBe(5);
        BoardEndpoints.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9).ShouldBe(9);
        BoardEndpoints.Percentile([], 0.9).ShouldBeNull();
    }
}
