using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Control.Feedback;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Dossiers.Api.Feedback;

public static class ReceiveFeedbackEndpoint
{
    /// <summary>
    /// The desk enters a citizen's feedback (in person, by phone or by letter) about a dossier or a procedure; its centre
    /// receives it. 201 with the feedback (without the contact, which only GET /api/feedback/{id} shows) and Location.
    /// </summary>
    [WolverinePost("/api/feedback"), Authorize(Roles = Roles.Desk), DossierCommand(Creates = true, Answer = typeof(FeedbackView))]
    public static Task<IResult> Post(ReceiveFeedbackRequest request, [NotBody] CommandScope scope, FeedbackPipeline pipeline, IDocumentSession session, WorkflowLibrary library,
        IMessageBus bus, CancellationToken ct) =>
        pipeline.For(scope).Receive(request, async () =>
        {
            var check = FeedbackRequests.Check(request.DossierCode, request.ProcedureCode, request.Subject, request.Content, request.Contact);
            if (!check.IsValid) return (null, Results.Problem(check.Result()));
            // Staff may name any dossier: the desk has the citizen in front of it.
            return await FeedbackRequests.Command(FeedbackChannel.Desk, request.DossierCode, request.ProcedureCode, request.Subject!, request.Content!,
                request.Contact, scope.Actor.Agency, _ => null, session, library, ct);
        }, bus);
}
