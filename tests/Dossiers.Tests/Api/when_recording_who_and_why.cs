using Alba;
using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

public class when_recording_who_and_why(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";

    [Fact]
    public async Task every_event_carries_the_token_s_user_role_and_agency_and_the_correlation()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency, user: "desk.lan");
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));

        await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk, configure: s =>
        {
            s.WithRequestHeader("X-Correlation-Id", "counter-7-morning");
            s.WithRequestHeader("Idempotency-Key", "accept-once");
        });

        await using var session = Store.QuerySession();
        var events = await session.Events.FetchStreamAsync(submitted.Id);
        var accepting = events.Where(e => e.Version > 1).ToList();
        accepting.Select(e => e.Data.GetType()).ShouldContain(typeof(DossierAccepted));
        accepting.ShouldContain(e => e.Data is TaskActivated);
        accepting.ShouldAllBe(e => e.CorrelationId == "counter-7-morning" && e.CausationId == "accept-once");
        accepting.ShouldAllBe(e => (string)e.Headers!["user"] == "desk.lan" && (string)e.Headers["role"] == "desk" && (string)e.Headers["agency"] == DeskAgency);
    }

    [Fact]
    public async Task the_reason_is_recorded_on_the_event()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));

        await Host.Command($"/api/dossiers/{submitted.Id}/refuse", desk, new { reason = "Hồ sơ không thuộc thẩm quyền" });

        await using var session = Store.QuerySession();
        var refused = (await session.Events.FetchStreamAsync(submitted.Id)).Last().Data.ShouldBeOfType<DossierRefused>();
        refused.Reason.ShouldBe("Hồ sơ không thuộc thẩm quyền");
        refused.RefusedBy.Agency.ShouldBe(DeskAgency);
    }
}
