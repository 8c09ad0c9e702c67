using Dossiers.Engine;
using System.Text.Json.Nodes;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Engine.Workflows;

namespace Dossiers.Tests.Engine.Dossiers;

public class when_submitting
{
    [Fact]
    public void records_the_dossier_with_the_pinned_workflow_version_who_and_when()
    {
        var command = DossierSpec.SubmitCommand(Channel.Desk);

        var events = DossierDecider.Decide(null, command, DossierSpec.Context(DossierSpec.Desk));

        var submitted = events.ShouldHaveSingleItem().ShouldBeOfType<DossierSubmitted>();
        submitted.DossierId.ShouldBe(command.DossierId);
        submitted.DefinitionId.ShouldBe(DossierSpec.Workflow.DefinitionId);
        submitted.DefinitionVersion.ShouldBe(1);
        submitted.SubmittedBy.ShouldBe(DossierSpec.Desk);
        submitted.SubmittedAt.ShouldBe(DossierSpec.Now);
        submitted.AcceptanceDueAt.ShouldBeNull();
    }

    [Fact]
    public void an_online_dossier_gets_an_acceptance_deadline_of_8_working_hours_whatever_the_intake_budget()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("intake")["budget"] = JsonNode.Parse("""{ "amount": 1, "unit": "WorkingHours" }""");   // the desk's checking time
        var workflow = DossierSpec.Load(definition.ToJsonString());

        var submitted = (DossierSubmitted)DossierDecider.Decide(null, DossierSpec.SubmitCommand(Channel.Online),
            DossierSpec.Context(DossierSpec.Desk, workflow: workflow)).Single();

        // Mon 02/03/2026 09:15 + 8 working hours = Tue 03/03 09:15.
        submitted.AcceptanceDueAt.ShouldBe(new DateTimeOffset(2026, 3, 3, 9, 15, 0, TimeSpan.FromHours(7)));
    }

    [Fact]
    public void a_submitted_dossier_is_new_on_the_national_portal()
    {
        var state = DossierSpec.Given(DossierSpec.Submitted());

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
