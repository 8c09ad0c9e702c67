using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Dossiers;

/// <summary>
/// Online dossiers from the national portal (issue 17): submitted Mon 02/03/2026 09:15 to the centre the applicant chose,
/// due at its desk 8 working hours later, Tue 03/03 09:15.
/// </summary>
public class when_taking_online_dossiers
{
    private static readonly Actor Portal = new("dvcqg", "portal", null);
    private static readonly Actor Timer = new("system", "system", null);
    private static readonly Actor OtherDesk = new("desk.mai", "desk", TestDefinitions.OtherDesk);
    private static readonly DateTimeOffset IntakeDue = At(3, 3, 9, 15);
    private static DossierCommand.CheckDeadline IntakeTimer => new(DeadlineKind.OnlineIntake, null, IntakeDue);

    private static DossierCommand.Submit FromPortal(string centre = TestDefinitions.Desk) =>
        SubmitCommand(Channel.Online) with { ReceivingCentre = centre, PortalReference = "G22.99-260302-0001" };

    private static List<object> Online() => [.. DossierDecider.Decide(null, FromPortal(), Context(Portal))];

    [Fact]
    public void the_portal_submits_to_the_chosen_centre_new_on_the_portal_and_due_at_its_desk_in_8_working_hours()
    {
        var submitted = Online().Single<DossierSubmitted>();

        submitted.Channel.ShouldBe(Channel.Online);
        submitted.ReceivingAgency.ShouldBe(TestDefinitions.Desk);
        submitted.CompetentCommune.ShouldBe(TestDefinitions.Commune);
        submitted.PortalReference.ShouldBe("G22.99-260302-0001");
        submitted.SubmittedBy.ShouldBe(Portal);
        submitted.AcceptanceDueAt.ShouldBe(IntakeDue);
        var state = Given(Online());
        DvcqgStatus.Of(state.Status).ShouldBe(1);
        state.Participants.ShouldContain(TestDefinitions.Desk);
    }

    [Fact]
    public void the_procedure_may_give_its_desks_another_number_of_hours()
    {
        var definition = TestDefinitions.Valid();
        definition["customProperties"]!["procedure"]!["rules"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "onlineIntakeWorkingHours": 4 }""");
        var workflow = Load(definition.ToJsonString());

        var submitted = DossierDecider.Decide(null, FromPortal(), Context(Portal, workflow: workflow)).Single<DossierSubmitted>();

        submitted.AcceptanceDueAt.ShouldBe(At(2, 3, 15, 15));   // 09:15–11:30 and 13:30–15:15
    }

    [Fact]
    public void the_hours_count_office_time_only_across_tet()
    {
        var friday = new DateTimeOffset(2026, 2, 13, 16, 0, 0, TimeSpan.FromHours(7));

        var submitted = DossierDecider.Decide(null, FromPortal(), Context(Portal, at: friday)).Single<DossierSubmitted>();

        submitted.AcceptanceDueAt.ShouldBe(new DateTimeOffset(2026, 2, 23, 16, 0, 0, TimeSpan.FromHours(7)));
    }

    [Theory]
    [InlineData(TestDefinitions.Police)]
    [InlineData("XX.99")]
    public void a_receiving_centre_that_is_not_a_service_centre_is_bad_input_naming_the_field(string centre)
    {
        var rejected = Should.Throw<CommandRejected>(() => DossierDecider.Decide(null, FromPortal(centre), Context(Portal)));

        rejected.Kind.ShouldBe(RejectionKind.Invalid);
        rejected.Field.ShouldBe("receivingCentre");
    }

    [Fact]
    public void only_the_chosen_centres_desk_accepts_it()
    {
        Rejected(Online(), new DossierCommand.Accept(1), OtherDesk, at: At(2, 3, 10, 0)).Kind.ShouldBe(RejectionKind.Forbidden);

        var events = When(Online(), new DossierCommand.Accept(1), Desk, at: At(2, 3, 10, 0));

        events.Single<DossierAccepted>().Code.ShouldStartWith(TestDefinitions.Desk + "-");
        events.OfType<OnlineIntakeLate>().ShouldBeEmpty();
        DvcqgStatus.Of(Given(Online(), events).Status).ShouldBe(2);
    }

    [Fact]
    public void an_acceptance_after_the_deadline_is_recorded_late_with_the_office_time_past_it()
    {
        var events = When(Online(), new DossierCommand.Accept(1), Desk, at: At(3, 3, 10, 0));

        events[0].ShouldBeOfType<DossierAccepted>();
        events.Single<OnlineIntakeLate>().ShouldBe(new OnlineIntakeLate(Id, TestDefinitions.Desk, "accepted", IntakeDue, At(3, 3, 10, 0), TimeSpan.FromMinutes(45)));
    }

    [Fact]
    public void a_late_refusal_is_late_too_and_the_portal_shows_status_3()
    {
        var events = When(Online(), new DossierCommand.Refuse("Sai mẫu tờ khai"), Desk, at: At(4, 3, 8, 0));

        events.Single<OnlineIntakeLate>().Answer.ShouldBe("refused");
        DvcqgStatus.Of(Given(Online(), events).Status).ShouldBe(3);
    }

    [Fact]
    public void the_timer_records_an_unanswered_dossier_overdue_once()
    {
        var events = When(Online(), IntakeTimer, Timer, at: At(3, 3, 9, 16));

        events.ShouldBeEvents(new OnlineIntakeOverdue(Id, TestDefinitions.Desk, IntakeDue, At(3, 3, 9, 16)));
        When([.. Online(), .. events], IntakeTimer, Timer, at: At(3, 3, 10, 0)).ShouldBeEmpty();
        When(Online(), IntakeTimer, Timer, at: At(3, 3, 9, 14)).ShouldBeEmpty();   // early: nothing yet
    }

    [Fact]
    public void the_timer_finds_nothing_once_the_desk_answered_in_time()
    {
        var accepted = Online().Then(new DossierCommand.Accept(1), Desk, at: At(2, 3, 10, 0));
        var refused = Online().Then(new DossierCommand.Refuse("Sai mẫu"), Desk, at: At(2, 3, 10, 0));
        var guided = Online().Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Desk, at: At(2, 3, 10, 0));

        foreach (var history in new[] { accepted, refused, guided })
            When(history, IntakeTimer, Timer, at: At(3, 3, 9, 16)).ShouldBeEmpty();
    }

    [Fact]
    public void sent_back_for_supplement_in_time_the_later_acceptance_is_not_late()
    {
        var history = Online().Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Desk, at: At(2, 3, 10, 0))
            .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: At(5, 3, 8, 0));

        When(history, new DossierCommand.Accept(1), Desk, at: At(5, 3, 9, 0)).OfType<OnlineIntakeLate>().ShouldBeEmpty();
    }

    [Fact]
    public void a_desk_dossier_has_no_intake_deadline_and_its_acceptance_is_never_late()
    {
        var events = When(Submitted(), new DossierCommand.Accept(1), Desk, at: At(10, 3, 9, 0));

        events.OfType<OnlineIntakeLate>().ShouldBeEmpty();
    }
}
