using Dossiers.Engine;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_submitting
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(7));
    private static readonly Actor Desk = new("desk.lan", "desk", "000.00.21.H48");

    [Fact]
    public void records_the_dossier_with_who_and_when()
    {
        var id = Guid.NewGuid();
        var command = new DossierCommand.Submit("1.004222", Channel.Desk, new Applicant("An", null, null, null, null), []);

        var submitted = DossierDecider.Submit(id, command, Desk, Now);

        submitted.ShouldBe(new DossierSubmitted(id, "1.004222", Channel.Desk, command.Applicant, command.Documents, Desk, Now));
    }

    [Fact]
    public void a_submitted_dossier_is_new_on_the_national_portal()
    {
        var submitted = DossierDecider.Submit(Guid.NewGuid(), new DossierCommand.Submit("1.004222", Channel.Online, new Applicant("An", null, null, null, null), []), Desk, Now);

        var state = Dossier.Evolve(null, submitted)!;

        state.Status.ShouldBe(DossierStatus.Submitted);
        DvcqgStatus.Of(state.Status).ShouldBe(1);
    }

    [Theory]
    [InlineData(DossierStatus.Received, 2)]
    [InlineData(DossierStatus.Refused, 3)]
    [InlineData(DossierStatus.InProcess, 4)]
    [InlineData(DossierStatus.AwaitingSupplement, 5)]
    [InlineData(DossierStatus.AwaitingPayment, 6)]
    [InlineData(DossierStatus.WithdrawalRequested, 7)]
    [InlineData(DossierStatus.Stopped, 8)]
    [InlineData(DossierStatus.Resolved, 9)]
    [InlineData(DossierStatus.Returned, 10)]
    public void every_status_maps_to_its_national_portal_code(DossierStatus status, int code) =>
        DvcqgStatus.Of(status).ShouldBe(code);
}
