using System.Globalization;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Files;
using Dossiers.Api.Lookup;
using Dossiers.Api.Paging;
using Dossiers.Api.Search;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Control.Feedback;
using Marten;
using Marten.Linq.MatchesSql;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine;
using Wolverine.Http;

namespace Dossiers.Api.Feedback;

/// <summary>
/// Feedback from and for the public, beside the public lookup and counted against the same limit per address
/// (<see cref="SharedRateLimit"/>): anyone sends one, anyone reads the published questions and answers. No personal
/// data is ever answered here, and none is logged: the contact goes into the feedback's events only.
/// </summary>
public static class PublicFeedbackEndpoints
{
    public const int DefaultLimit = 20, MaxLimit = 100;

    /// <summary>
    /// A citizen's feedback, anonymous. About a dossier: its code and the receipt's proof (<c>receiptToken</c>, the
    /// result-link code printed on its receipt); the dossier's receiving centre then answers for it. Otherwise about a
    /// procedure (<c>procedureCode</c>). The contact is optional. 201 with the feedback's number and its resolution deadline.
    /// </summary>
    [WolverinePost("/api/public/feedback"), AllowAnonymous]
    [ProducesResponseType<FeedbackReceipt>(201), ProducesResponseType(400), ProducesResponseType(429)]
    public static async Task<IResult> Post(PublicFeedbackRequest request, IDocumentSession session, FeedbackPipeline pipeline, WorkflowLibrary library,
        ResultLinks links, SharedRateLimit limit, IMessageBus bus, HttpContext http, CancellationToken ct)
    {
        if (await PublicLookupEndpoint.RateLimited(limit, http, ct) is { } tooMany) return tooMany;
        var (headers, problem) = CommandRequest.Read(http);
        if (headers is null) return problem!;
        // No Idempotency-Key here: every anonymous caller is the same "citizen", so one's key could replay another's answer.
        var scope = pipeline.Open(headers with { Actor = FeedbackPipeline.Citizen, IdempotencyKey = null, ExpectedVersion = null }, session, ct);
        return await scope.Receive(request, async () =>
        {
            var check = FeedbackRequests.Check(request.DossierCode, request.ProcedureCode, request.Subject, request.Content, request.Contact);
            if (request.DossierCode is not null && string.IsNullOrWhiteSpace(request.ReceiptToken))
                check.Fail("receiptToken", "is required with dossierCode: the result-link code printed on the dossier's receipt.");
            else check.Text("receiptToken", request.ReceiptToken, 64);
            if (!check.IsValid) return (null, Results.Problem(check.Result()));
            return await FeedbackRequests.Command(FeedbackChannel.Public, request.DossierCode, request.ProcedureCode, request.Subject!,
                request.Content!, request.Contact, null,
                dossier => links.DossierOf(request.ReceiptToken!) == dossier.Id
                    ? null
                    : CommandResults.Invalid("receiptToken", "does not match this dossier: give the result-link code printed on its receipt (Mẫu 01)."),
                session, library, ct);
        }, bus, f => new FeedbackReceipt(f.Id, f.ReceivedAt, f.ResolveBy!.Value));
    }

    /// <summary>
    /// The published questions and answers (công khai), newest first, optionally of one <paramref name="procedure"/>;
    /// pages of <paramref name="limit"/> (at most 100), <paramref name="next"/> being the previous page's cursor.
    /// </summary>
    [WolverineGet("/api/public/feedback"), AllowAnonymous]
    [ProducesResponseType<FeedbackPage<PublicFeedback>>(200), ProducesResponseType(400), ProducesResponseType(429)]
    public static async Task<IResult> List(string? procedure, string? limit, string? next, IQuerySession session, SharedRateLimit limit_,
        HttpContext http, CancellationToken ct)
    {
        if (await PublicLookupEndpoint.RateLimited(limit_, http, ct) is { } tooMany) return tooMany;
        var check = new Validation.RequestCheck()
            .Matches("procedure", procedure, SubmitDossierEndpoint.ProcedureCodePattern(), "a national procedure code such as 1.004222");
        var page = PageOf(check, limit, next, ["public-feedback", procedure]);
        if (!check.IsValid) return Results.Problem(check.Result());
        var query = session.Query<CitizenFeedback>().Where(f => f.Status == FeedbackStatus.Published);
        if (procedure is not null) query = query.Where(f => f.ProcedureCode == procedure);
        var (items, nextCursor) = await Page(query, page, ct);
        return Results.Ok(new FeedbackPage<PublicFeedback>([.. items.Select(PublicFeedback.Of)], nextCursor));
    }

    /// <summary>The page asked for (docs/paging.md); a bad limit or cursor is named on <paramref name="check"/>.</summary>
    internal static PageRequest PageOf(Validation.RequestCheck check, string? limit, string? next, object?[] query) =>
        PageRequest.Read(check, limit, next, guidIds: true, query, DefaultLimit, MaxLimit);

    /// <summary>
    /// One page, newest first, by keyset on the id (time-ordered UUID v7, so rows received meanwhile never shift a page),
    /// and the cursor of the next page when there is one.
    /// </summary>
    internal static async Task<(IReadOnlyList<CitizenFeedback>, string?)> Page(IQueryable<CitizenFeedback> query, PageRequest page, CancellationToken ct)
    {
        if (page.Cursor?.AfterGuid is { } after) query = query.Where(f => f.MatchesSql("d.id < ?", after));
        var rows = await query.OrderByDescending(f => f.Id).Take(page.Limit + 1).ToListAsync(ct);
        return page.Cut(rows, _ => 0, f => f.Id.ToString("N"));
    }
}
