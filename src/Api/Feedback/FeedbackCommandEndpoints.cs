using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Control.Feedback;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;
using Wolverine.Marten;

namespace Dossiers.Api.Feedback;

public sealed record AssignFeedbackBody(string? Agency, string? Note, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().RequiredText("agency", Agency, 40).Text("note", Note, 2000);
}

public sealed record AnswerFeedbackBody(string? Answer, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().RequiredText("answer", Answer, FeedbackRequests.MaxContent);
}

/// <param name="Question">The question as it will be published (the citizen's subject and text when left out): take
/// out any personal detail the citizen wrote into it.</param>
/// <param name="Answer">The answer as it will be published (the agency's when left out).</param>
public sealed record PublishFeedbackBody(string? Question, string? Answer, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck().Text("question", Question, FeedbackRequests.MaxContent + FeedbackRequests.MaxSubject + 1)
        .Text("answer", Answer, FeedbackRequests.MaxContent);
}

/// <summary>Who runs the centre's control work on feedback: the control office and administrators.</summary>
public static class FeedbackRoles
{
    public const string ControlOffice = $"{Roles.Controller},{Roles.Admin}";
    public const string SupplementTakers = $"{Roles.Desk},{Roles.Controller},{Roles.Admin}";
}

/// <summary>
/// The feedback's lifecycle, one route per act (docs/control.md): the control office refuses, asks for a supplement,
/// assigns and publishes; the desk (or the office) records the supplement; the assigned agency's officer answers.
/// Each goes through the dossier commands' path: the row lock, If-Match, Idempotency-Key, RFC 7807, the audit chain.
/// </summary>
public static class FeedbackCommandEndpoints
{
    [WolverinePost("/api/feedback/{id}/refuse"), Authorize(Roles = FeedbackRoles.ControlOffice), DossierCommand(Answer = typeof(FeedbackView))]
    public static Task<(IResult, Events, OutgoingMessages)> Refuse(ReasonBody body, [FeedbackStream] IEventStream<CitizenFeedback> feedback,
        [NotBody] CommandScope scope, FeedbackPipeline pipeline) =>
        pipeline.For(scope).Decide(feedback, body, b => new FeedbackCommand.Refuse(b.Reason!.Trim()));

    [WolverinePost("/api/feedback/{id}/supplement-request"), Authorize(Roles = FeedbackRoles.ControlOffice), DossierCommand(Answer = typeof(FeedbackView))]
    public static Task<(IResult, Events, OutgoingMessages)> RequestSupplement(ReasonBody body, [FeedbackStream] IEventStream<CitizenFeedback> feedback,
        [NotBody] CommandScope scope, FeedbackPipeline pipeline) =>
        pipeline.For(scope).Decide(feedback, body, b => new FeedbackCommand.RequestSupplement(b.Reason!.Trim()));

    [WolverinePost("/api/feedback/{id}/supplement"), Authorize(Roles = FeedbackRoles.SupplementTakers), DossierCommand(Answer = typeof(FeedbackView))]
    public static Task<(IResult, Events, OutgoingMessages)> Supplement(NoteBody body, [FeedbackStream] IEventStream<CitizenFeedback> feedback,
        [NotBody] CommandScope scope, FeedbackPipeline pipeline) =>
        pipeline.For(scope).Decide(feedback, body, b => new FeedbackCommand.RecordSupplement(b.Note?.Trim()));

    [WolverinePost("/api/feedback/{id}/assign"), Authorize(Roles = FeedbackRoles.ControlOffice), DossierCommand(Answer = typeof(FeedbackView))]
    public static Task<(IResult, Events, OutgoingMessages)> Assign(AssignFeedbackBody body, [FeedbackStream] IEventStream<CitizenFeedback> feedback,
        [NotBody] CommandScope scope, FeedbackPipeline pipeline) =>
        pipeline.For(scope).Decide(feedback, body, b => new FeedbackCommand.Assign(b.Agency!.Trim(), b.Note?.Trim()));

    [WolverinePost("/api/feedback/{id}/answer"), Authorize(Roles = Roles.Officer), DossierCommand(Answer = typeof(FeedbackView))]
    public static Task<(IResult, Events, OutgoingMessages)> Answer(AnswerFeedbackBody body, [FeedbackStream] IEventStream<CitizenFeedback> feedback,
        [NotBody] CommandScope scope, FeedbackPipeline pipeline) =>
        pipeline.For(scope).Decide(feedback, body, b => new FeedbackCommand.Answer(b.Answer!.Trim()));

    [WolverinePost("/api/feedback/{id}/publish"), Authorize(Roles = FeedbackRoles.ControlOffice), DossierCommand(Answer = typeof(FeedbackView))]
    public static Task<(IResult, Events, OutgoingMessages)> Publish(PublishFeedbackBody body, [FeedbackStream] IEventStream<CitizenFeedback> feedback,
        [NotBody] CommandScope scope, FeedbackPipeline pipeline) =>
        pipeline.For(scope).Decide(feedback, body, b => new FeedbackCommand.Publish(
            string.IsNullOrWhiteSpace(b.Question) ? null : b.Question.Trim(), string.IsNullOrWhiteSpace(b.Answer) ? null : b.Answer.Trim()));
}
