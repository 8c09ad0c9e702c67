namespace Dossiers.Engine.Control.Feedback;

/// <summary>
/// Who reads a feedback, its contact details included: the audit and control offices and administrators; the desk of
/// the centre that received it; the officers of the agency it is assigned to.
/// </summary>
public static class FeedbackAccess
{
    public static bool MayRead(CitizenFeedback feedback, Actor actor) =>
        actor.ReadsEverything
        || (actor.IsDesk && actor.Agency is { } centre && centre == feedback.ReceivingCentre)
        || (actor.IsOfficer && actor.Agency is { } unit && unit == feedback.AssignedAgency);

    public static string Refusal(CitizenFeedback feedback, Actor actor) => actor.IsOfficer
        ? $"This feedback is assigned to {feedback.AssignedAgency ?? "no agency yet"}; you act for {actor.Agency ?? "no unit"}."
        : $"This feedback was received by {feedback.ReceivingCentre ?? "the province's portal"}; you act for {actor.Agency ?? "no unit"}.";
}
