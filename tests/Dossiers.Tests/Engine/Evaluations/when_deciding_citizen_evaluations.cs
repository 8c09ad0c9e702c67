using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Evaluations;
using Dossiers.Tests.Engine.Workflows;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Engine.Evaluations;

/// <summary>The evaluation decider's rules, with no database: when a dossier may be evaluated, how answers score, whom it credits.</summary>
public class when_deciding_citizen_evaluations
{
    private static readonly DateTimeOffset Evening = At(4, 3, 18, 30);

    private static EvaluateService Answers(int contacts = 0, int agencies = 1, Attitude attitude = Attitude.Courteous,
        Satisfaction satisfaction = Satisfaction.VerySatisfied, string? comment = null) => new(contacts, agencies, attitude, satisfaction, comment);

    // intake (D1) → check (P1) → fork: police (P1) and insurance (S1) → join → result.
    private static List<object> ThroughEveryStep() => Accepted()
        .Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(2, 3, 10, 0))
        .Then(new DossierCommand.CompleteTask("police", "Done", null), Police, at: At(3, 3, 9, 0))
        .Then(new DossierCommand.CompleteTask("insurance", "Done", null), Insurance, at: At(3, 3, 14, 0));

    [Fact]
    public void a_dossier_with_its_result_is_evaluated_with_the_scores_and_the_agencies_that_did_its_steps()
    {
        var dossier = Given(ThroughEveryStep());
        dossier.Status.ShouldBe(DossierStatus.Resolved);
        dossier.HandledBy.ShouldBe([TestDefinitions.Police, TestDefinitions.Insurance]);

        var evaluated = EvaluationDecider.Decide(dossier, null, Answers(1, 2, Attitude.Adequate, Satisfaction.Satisfied, "  Cán bộ hướng dẫn chậm.  "), Evening);

        evaluated.ShouldBe(evaluated with
        {
            EvaluationId = EvaluationDecider.StreamIdFor(Id), DossierId = Id, ProcedureCode = "9.999999", ReceivingCentre = TestDefinitions.Desk,
            ContactsToComplete = 1, ContactsScore = 1, AgenciesContacted = 2, AgenciesScore = 1, Attitude = Attitude.Adequate, AttitudeScore = 1,
            Satisfaction = Satisfaction.Satisfied, SatisfactionScore = 1, Comment = "Cán bộ hướng dẫn chậm.",
            ResultAt = At(3, 3, 14, 0), EvaluatedAt = Evening,
        });
        evaluated.HandlingAgencies.ShouldBe([TestDefinitions.Police, TestDefinitions.Insurance]);
        evaluated.EvaluationId.ShouldNotBe(Id);
        evaluated.EvaluatedAt.Offset.ShouldBe(TimeSpan.FromHours(7));
        EvaluationDecider.Decide(dossier, null, Answers(comment: "   "), Evening).Comment.ShouldBeNull();
    }

    [Fact]
    public void after_the_hand_over_it_may_still_be_evaluated_and_a_rejection_is_a_result_too()
    {
        var returned = ThroughEveryStep().Then(new DossierCommand.ReturnResult(null), Desk, at: At(4, 3, 9, 0));
        Given(returned).Status.ShouldBe(DossierStatus.Returned);
        EvaluationDecider.Decide(Given(returned), null, Answers(), Evening).SatisfactionScore.ShouldBe(2);

        var rejected = Accepted().Then(new DossierCommand.CompleteTask("check", "Refuse", null), Police);
        EvaluationDecider.Decide(Given(rejected), null, Answers(), Evening).HandlingAgencies.ShouldBe([TestDefinitions.Police]);
    }

    [Fact]
    public void a_centre_that_also_did_a_step_is_credited_once()
    {
        var dossier = Given(ThroughEveryStep()) with { HandledBy = [TestDefinitions.Desk, TestDefinitions.Police] };
        var evaluated = EvaluationDecider.Decide(dossier, null, Answers(), Evening);
        evaluated.ReceivingCentre.ShouldBe(TestDefinitions.Desk);
        evaluated.HandlingAgencies.ShouldBe([TestDefinitions.Police]);
    }

    [Fact]
    public void before_the_result_without_one_or_a_second_time_it_is_a_conflict_that_says_why()
    {
        var processing = Rejection(Given(Accepted().Then(new DossierCommand.CompleteTask("check", "Ok", null), Police)), null);
        processing.Kind.ShouldBe(RejectionKind.Conflict);
        processing.Message.ShouldContain("no result yet");
        processing.Message.ShouldContain("Đang xử lý");

        Rejection(Given(Submitted()), null).Message.ShouldContain("no result yet");

        var refused = Rejection(Given(new List<object>(Submitted()).Then(new DossierCommand.Refuse("Thiếu giấy tờ"), Desk)), null);
        refused.Kind.ShouldBe(RejectionKind.Conflict);
        refused.Message.ShouldContain("ended without a result");

        var again = Rejection(Given(ThroughEveryStep()), Evening);
        again.Kind.ShouldBe(RejectionKind.Conflict);
        again.Message.ShouldContain("already evaluated (04/03/2026 18:30)");
    }

    [Fact]
    public void counts_out_of_range_are_refused_naming_the_field()
    {
        var dossier = Given(ThroughEveryStep());
        Invalid(dossier, Answers(contacts: -1)).ShouldBe("contactsToComplete");
        Invalid(dossier, Answers(agencies: EvaluationScale.MaxCount + 1)).ShouldBe("agenciesContacted");
        Invalid(dossier, Answers(comment: new string('x', EvaluationScale.MaxComment + 1))).ShouldBe("comment");
        EvaluationDecider.Decide(dossier, null, Answers(contacts: EvaluationScale.MaxCount, agencies: 0), Evening).AgenciesScore.ShouldBe(2);
    }

    [Theory]
    [InlineData(0, 2), InlineData(1, 1), InlineData(2, 0), InlineData(9, 0)]
    public void indicator_3_scores_the_contacts_needed(int contacts, int score) => EvaluationScale.ContactsScore(contacts).ShouldBe(score);

    [Theory]
    [InlineData(0, 2), InlineData(1, 2), InlineData(2, 1), InlineData(3, 0), InlineData(12, 0)]
    public void indicator_4_scores_the_agencies_contacted(int agencies, int score) => EvaluationScale.AgenciesScore(agencies).ShouldBe(score);

    [Fact]
    public void attitude_and_satisfaction_score_2_1_0_and_the_two_best_are_satisfied()
    {
        Enum.GetValues<Attitude>().Select(EvaluationScale.Score).ShouldBe([2, 1, 0]);
        Enum.GetValues<Satisfaction>().Select(EvaluationScale.Score).ShouldBe([2, 1, 0]);
        Enum.GetValues<Satisfaction>().Select(EvaluationScale.IsSatisfied).ShouldBe([true, true, false]);
    }

    [Fact]
    public void each_dossier_has_one_evaluation_stream_of_its_own()
    {
        EvaluationDecider.StreamIdFor(Id).ShouldBe(EvaluationDecider.StreamIdFor(Id));
        EvaluationDecider.StreamIdFor(Id).ShouldNotBe(EvaluationDecider.StreamIdFor(Guid.NewGuid()));
    }

    private static CommandRejected Rejection(Dossier dossier, DateTimeOffset? evaluatedAt)
    {
        EvaluationDecider.Refusal(dossier, evaluatedAt).ShouldNotBeNull();
        return Should.Throw<CommandRejected>(() => EvaluationDecider.Decide(dossier, evaluatedAt, Answers(), Evening));
    }

    private static string Invalid(Dossier dossier, EvaluateService answers)
    {
        var rejected = Should.Throw<CommandRejected>(() => EvaluationDecider.Decide(dossier, null, answers, Evening));
        rejected.Kind.ShouldBe(RejectionKind.Invalid);
        return rejected.Field!;
    }
}
