using Dossiers.Api.Auth;
using Dossiers.Api.Search;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Search;

/// <summary>GET /api/agencies/{centre}/pickup: results waiting at the desk (DVCQG 9), the longest waiting first.</summary>
public class when_listing_results_to_pick_up(AppFixture fixture) : SearchScenarios(fixture)
{
    private async Task<PickupList> Pickup(string query, string? token = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/agencies/{query}");
            s.WithBearerToken(token ?? Desk(KonTumCentre));
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<PickupList>())!;
    }

    [Fact]
    public async Task ready_results_not_yet_returned_are_listed_oldest_first_with_the_appointment_the_applicant_and_the_code()
    {
        var first = await ResultReady("Lý Thường Kiệt");
        var second = await ResultReady("Trưng Thị Trắc");
        var returned = await ResultReady("Ngô Quyền");
        await Host.Command($"/api/dossiers/{returned.Id}/return", Desk(KonTumCentre), new { note = "Trả tại quầy" });
        await Received("Lê Lợi");                                                   // still in process
        await ResultReady("Mạc Thị Bưởi", CamThanhCentre, CamThanhPolice);          // waiting at another centre
        await CaughtUp();

        var list = await Pickup($"{KonTumCentre}/pickup");

        list.Items.Select(i => i.Id).ShouldBe([first.Id, second.Id]);
        var item = list.Items[0];
        (item.Code, item.Applicant, item.AppointmentAt).ShouldBe((first.Code, "Lý Thường Kiệt", first.DueAt));
        item.ResultReadyAt.ShouldBeLessThanOrEqualTo(list.Items[1].ResultReadyAt);
        list.Next.ShouldBeNull();
        (await Pickup($"{CamThanhCentre}/pickup", Token(Roles.Controller))).Items.Select(i => i.Applicant).ShouldBe(["Mạc Thị Bưởi"]);
    }

    [Fact]
    public async Task pages_follow_the_cursor()
    {
        var ready = new List<Guid>();
        for (var i = 0; i < 3; i++) ready.Add((await ResultReady($"Phan Bội Châu {i}")).Id);
        await CaughtUp();

        var one = await Pickup($"{KonTumCentre}/pickup?limit=2", Token(Roles.Auditor));
        var two = await Pickup($"{KonTumCentre}/pickup?limit=2&next={Uri.EscapeDataString(one.Next!)}", Token(Roles.Auditor));

        one.Items.Concat(two.Items).Select(i => i.Id).ShouldBe(ready);
        two.Next.ShouldBeNull();
    }

    [Fact]
    public async Task only_the_centre_s_desk_and_the_control_offices_read_it()
    {
        (await Refused($"/api/agencies/{KonTumCentre}/pickup", Desk(CamThanhCentre))).Status.ShouldBe(403);
        (await Refused($"/api/agencies/{KonTumCentre}/pickup", Officer(KonTumPolice))).Status.ShouldBe(403);
        foreach (var (url, field) in new[] { (KonTumPolice + "/pickup", "agency"), (KonTumCentre + "/pickup?limit=500", "limit"),
                     (KonTumCentre + "/pickup?next=xyz", "next") })
        {
            var (status, fields) = await Refused($"/api/agencies/{url}", Auditor);
            status.ShouldBe(400, url);
            fields.ShouldBe([field], url);
        }
    }
}
