using Dossiers.Projections.Sla;

namespace Dossiers.Tests.Projections;

/// <summary>QĐ 766 indicator 1.4: of the dossiers received in the period, the share the national portal holds, per centre and province.</summary>
public class when_scoring_portal_sync
{
    [Fact]
    public void the_rate_is_synced_over_received_per_centre_and_for_the_province()
    {
        var (a1, a2, a3, b1) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        (Guid, string?)[] received = [(a1, "A"), (a2, "A"), (a3, "A"), (b1, "B")];

        var (province, byCentre) = Scorecard.PortalSync(received, new HashSet<Guid> { a1, a3, b1, Guid.NewGuid() });

        (province.Received, province.Synced, province.Rate).ShouldBe((4, 3, 75.0));
        byCentre.Select(c => (c.Centre, c.Received, c.Synced, c.Rate)).ShouldBe([("A", 3, 2, 66.7), ("B", 1, 1, 100.0)]);
    }

    [Fact]
    public void nothing_received_has_no_rate() =>
        Scorecard.PortalSync([], new HashSet<Guid>()).Province.Rate.ShouldBeNull();
}
