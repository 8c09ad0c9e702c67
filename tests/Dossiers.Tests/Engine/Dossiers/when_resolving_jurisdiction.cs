using System.Text.Json.Nodes;
using Dossiers.Engine;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

/// <summary>The decider alone resolves where each step works, once, and records it; replay follows the record.</summary>
public class when_resolving_jurisdiction
{
    private static readonly WorkflowDefinition ProvinceWide = Load(Relative().ToJsonString());
    private static readonly Actor OtherDesk = new("desk.hoa", "desk", TestDefinitions.OtherDesk);
    private static readonly Actor ProvincialDesk = new("desk.tam", "desk", TestDefinitions.ProvincialDesk);

    private static JsonObject Relative()
    {
        var definition = TestDefinitions.Valid();
        definition.Activity("intake")["agency"] = "receiving-centre";
        foreach (var step in new[] { "check", "verify", "police" }) definition.Activity(step)["agency"] = "competent:police";
        return definition;
    }

    private static IReadOnlyList<object> SubmittedAt(Actor desk, string? commune = null, string? pickup = null) =>
        DossierDecider.Decide(null, SubmitCommand() with { CompetentCommune = commune, PickupCentre = pickup }, Context(desk, workflow: ProvinceWide));

    [Fact]
    public void acceptance_records_the_routing_of_every_step_for_the_competent_commune()
    {
        var history = SubmittedAt(Desk, commune: TestDefinitions.OtherCommune).ToList();

        var accepted = When(history, new DossierCommand.Accept(7), Desk, workflow: ProvinceWide).Single<DossierAccepted>();

        accepted.Code.ShouldBe("D1-260302-0007");   // the receiving centre's register, whoever is competent
        accepted.CompetentCommune.ShouldBe(TestDefinitions.OtherCommune);
        accepted.RegistryVersion.ShouldBe("test");
        accepted.Routing!.ShouldBe(new Dictionary<string, string>
        {
            ["check"] = "P2", ["insurance"] = "S1", ["intake"] = "D1", ["police"] = "P2", ["verify"] = "P2",
        }, ignoreOrder: true);
    }

    [Fact]
    public void later_steps_open_at_the_recorded_unit_even_when_the_definition_would_now_resolve_elsewhere()
    {
        var history = SubmittedAt(Desk).ToList().Then(new DossierCommand.Accept(1), Desk, workflow: ProvinceWide);
        // Someone edits the recorded routing's source: replaying uses the events, not a new resolution.
        var accepted = history.OfType<DossierAccepted>().Single();
        history[history.IndexOf(accepted)] = accepted with { Routing = new Dictionary<string, string>(accepted.Routing!) { ["police"] = "P9" } };

        var events = When(history, new DossierCommand.CompleteTask("check", "Ok", null), Police, workflow: ProvinceWide,
            at: Now.AddHours(1));

        Given(history).Routing["police"].ShouldBe("P9");
        events.Single<TaskActivated>(t => t.ActivityId == "police").Agency.ShouldBe("P9");   // the fork's police branch, as recorded
    }

    [Fact]
    public void a_desk_of_another_centre_is_refused_on_a_dossier_it_did_not_receive()
    {
        var history = SubmittedAt(Desk).ToList();
        var rejected = Rejected(history, new DossierCommand.Accept(1), OtherDesk, workflow: ProvinceWide);
        rejected.Kind.ShouldBe(RejectionKind.Forbidden);
        rejected.Message.ShouldContain("TTPVHCC xã Một (D1)");
    }

    [Fact]
    public void the_pick_up_centre_may_return_the_result_but_nothing_else()
    {
        var history = SubmittedAt(Desk, pickup: TestDefinitions.OtherDesk).ToList();
        Rejected(history, new DossierCommand.Stop("Dừng"), OtherDesk, workflow: ProvinceWide).Kind.ShouldBe(RejectionKind.Forbidden);
        // Returning: allowed by jurisdiction, refused only because there is no result yet.
        Rejected(history, new DossierCommand.ReturnResult(null), OtherDesk, workflow: ProvinceWide).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Theory]
    [InlineData(null, "names none")]
    [InlineData("P1", "is a police")]
    [InlineData("X9", "not in the agency registry")]
    public void a_desk_must_act_for_a_service_centre(string? agency, string reason)
    {
        var rejected = Should.Throw<CommandRejected>(() => SubmittedAt(new Actor("desk.x", "desk", agency)));
        rejected.Kind.ShouldBe(RejectionKind.Forbidden);
        rejected.Message.ShouldContain(reason);
    }

    [Fact]
    public void a_provincial_centre_receives_for_the_commune_it_is_given()
    {
        Should.Throw<CommandRejected>(() => SubmittedAt(ProvincialDesk)).Field.ShouldBe("competentCommune");
        var submitted = SubmittedAt(ProvincialDesk, commune: TestDefinitions.Commune).Single<DossierSubmitted>();
        (submitted.ReceivingAgency, submitted.CompetentCommune).ShouldBe((TestDefinitions.ProvincialDesk, TestDefinitions.Commune));
    }

    [Theory]
    [InlineData("P1", "competentCommune")]   // a police unit is not a commune
    [InlineData("C9", "competentCommune")]   // no such commune
    public void an_unknown_commune_is_invalid_naming_the_field(string commune, string field) =>
        Should.Throw<CommandRejected>(() => SubmittedAt(Desk, commune: commune)).Field.ShouldBe(field);

    [Fact]
    public void a_pick_up_centre_must_be_a_service_centre() =>
        Should.Throw<CommandRejected>(() => SubmittedAt(Desk, pickup: "P1")).Field.ShouldBe("pickupCentre");

    [Fact]
    public void only_units_working_on_the_dossier_read_it()
    {
        var state = Given(SubmittedAt(Desk, commune: TestDefinitions.OtherCommune).ToList().Then(new DossierCommand.Accept(1), Desk, workflow: ProvinceWide));

        DossierAccess.MayRead(state, Desk).ShouldBeTrue();                                    // received it
        DossierAccess.MayRead(state, new Actor("o", "officer", "P2")).ShouldBeTrue();         // holds the check
        DossierAccess.MayRead(state, Police).ShouldBeFalse();                                 // P1: another commune's police
        DossierAccess.MayRead(state, OtherDesk).ShouldBeFalse();
        DossierAccess.MayRead(state, new Actor("a", "auditor", null)).ShouldBeTrue();
    }
}
