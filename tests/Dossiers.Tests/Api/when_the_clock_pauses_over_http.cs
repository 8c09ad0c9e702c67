using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

public class when_the_clock_pauses_over_http(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";

    [Fact]
    public async Task a_supplement_pauses_the_dossier_and_a_second_one_needs_an_acknowledged_violation()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var police = Token(Roles.Officer, agency: PoliceAgency);
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));
        var accepted = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk))!;
        var supplement = new { items = new[] { "Giấy tờ chứng minh chỗ ở hợp pháp", "Ý kiến chủ hộ" }, reason = "Thiếu giấy tờ" };

        var paused = (await Host.Command($"/api/dossiers/{accepted.Id}/supplement-requests", police, supplement))!;
        paused.Status.ShouldBe(DossierStatus.AwaitingSupplement);
        paused.DvcqgStatus.ShouldBe(5);
        paused.Paused.ShouldBeTrue();

        var resumed = (await Host.Command($"/api/dossiers/{accepted.Id}/supplements", desk, new { note = "Đã nộp đủ" }))!;
        resumed.Paused.ShouldBeFalse();
        resumed.DueAt!.Value.ShouldBeGreaterThanOrEqualTo(accepted.DueAt!.Value);

        await Host.Command($"/api/dossiers/{accepted.Id}/supplement-requests", police, supplement, 409);
        var violated = (await Host.Command($"/api/dossiers/{accepted.Id}/supplement-requests", police,
            new { supplement.items, supplement.reason, acknowledgeViolation = true }))!;
        violated.LateForScoring.ShouldBeTrue();
        violated.SupplementRequests.ShouldBe(2);
    }

    [Fact]
    public async Task an_apology_sets_a_new_appointment_once()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var police = Token(Roles.Officer, agency: PoliceAgency);
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));
        var accepted = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk))!;
        var newDue = accepted.DueAt!.Value.AddDays(7);

        var apologised = (await Host.Command($"/api/dossiers/{accepted.Id}/apologies", police, new { reason = "Cần xác minh thêm", newDueAt = newDue }))!;

        apologised.DueAt.ShouldBe(newDue);
        apologised.OriginalDueAt.ShouldBe(accepted.DueAt);
        apologised.Reschedules.ShouldBe(1);
        await Host.Command($"/api/dossiers/{accepted.Id}/apologies", police, new { reason = "Lần nữa", newDueAt = newDue.AddDays(3) }, 409);
    }
}
