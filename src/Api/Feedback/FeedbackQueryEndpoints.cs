using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Privacy;
using Dossiers.Api.Search;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Projections.Feedback;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Feedback;

/// <summary>What staff read about feedback: the list, one feedback with its contact (on the access log), the QĐ 766 figures.</summary>
public static class FeedbackQueryEndpoints
{
    /// <summary>
    /// Feedback newest first, of an <paramref name="agency"/> (assigned to it, or received by that centre), received on
    /// dates <paramref name="from"/>..<paramref name="to"/> (yyyy-MM-dd), in a <paramref name="status"/>; pages of
    /// <paramref name="limit"/> (at most 100) with the <paramref name="next"/> cursor. Officers see their agency's,
    /// desks their centre's. No personal data in the list.
    /// </summary>
    [WolverineGet("/api/feedback"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<FeedbackPage<FeedbackItem>>(200), ProducesResponseType(400), ProducesResponseType(403)]
    public static async Task<IResult> List(string? agency, string? from, string? to, string? status, string? limit, string? next, IQuerySession session,
        AgencyRegistry agencies, HttpContext http, CancellationToken ct)
    {
        var actor = CurrentActor.From(http.User);
        var check = new RequestCheck();
        if (agency is not null && !agencies.Contains(agency)) check.Fail("agency", "is not in the agency registry.");
        FeedbackStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<FeedbackStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !status.Any(char.IsDigit)) wanted = s;
            else check.Fail("status", "must be one of received, awaitingSupplement, assigned, answered, published, refused.");
        }
        var page = PublicFeedbackEndpoints.PageOf(check, limit, next, ["feedback", actor.Role, actor.Agency, agency, from, to, status]);
        if (!check.IsValid) return Results.Problem(check.Result());
        Period? received = null;
        if (from is not null || to is not null)
        {
            if (!Period.TryParse(from, to, 3660, out var period, out var problem)) return problem!;
            received = period;
        }
        // Officers and desks read only their own unit's feedback: naming another one is refused, not silently narrowed.
        if ((actor.IsOfficer || actor.IsDesk) && !actor.ReadsEverything)
        {
            if (agency is not null && agency != actor.Agency)
                return Results.Problem(statusCode: 403, title: "Not your agency", detail: $"You act for {actor.Agency ?? "no unit"}; this is {agency}'s feedback.");
            agency = actor.Agency ?? "";
        }

        var query = session.Query<CitizenFeedback>().AsQueryable();
        if (actor.IsOfficer) query = query.Where(f => f.AssignedAgency == agency);
        else if (actor.IsDesk) query = query.Where(f => f.ReceivingCentre == agency);
        else if (agency is not null) query = query.Where(f => f.AssignedAgency == agency || f.ReceivingCentre == agency);
        if (received is { } r)
        {
            var (start, end) = (r.Start, r.End);
            query = query.Where(f => f.ReceivedAt >= start && f.ReceivedAt < end);
        }
        if (wanted is { } w) query = query.Where(f => f.Status == w);
        var (items, nextCursor) = await PublicFeedbackEndpoints.Page(query, page, ct);
        return Results.Ok(new FeedbackPage<FeedbackItem>([.. items.Select(FeedbackItem.Of)], nextCursor));
    }

    /// <summary>One feedback with the citizen's contact: its centre's desk, its agency's officers, the control and audit offices. Every read is on the access log.</summary>
    [WolverineGet("/api/feedback/{id}"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<FeedbackView>(200), ProducesResponseType(403), ProducesResponseType(404)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        if (await session.LoadAsync<CitizenFeedback>(id, ct) is not { } feedback)
            return Results.Problem(statusCode: 404, title: "Feedback not found", detail: $"No feedback {id}.");
        var actor = CurrentActor.From(http.User);
        if (await guard.Record(http, $"feedback {id}", FeedbackAccess.MayRead(feedback, actor), FeedbackAccess.Refusal(feedback, actor), ct) is { } refused)
            return refused;
        http.Response.Headers.ETag = $"\"{feedback.Version}\"";
        return Results.Ok(FeedbackView.Of(feedback, withContact: true));
    }

    /// <summary>
    /// QĐ 766 "PAKN handled on time" for feedback received on dates <paramref name="from"/>..<paramref name="to"/>
    /// (yyyy-MM-dd), per agency and for the province (<see cref="FeedbackIndicator"/>), judged as of now or the period's end.
    /// </summary>
    [WolverineGet("/api/feedback/figures"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<FeedbackFiguresReport>(200), ProducesResponseType(400)]
    public static async Task<IResult> Figures(string? from, string? to, string? agency, IQuerySession session, AgencyRegistry agencies, TimeProvider clock,
        CancellationToken ct)
    {
        if (!Period.TryParse(from, to, 3660, out var period, out var problem)) return problem!;
        if (agency is not null && !agencies.Contains(agency)) return CommandResults.Invalid("agency", "is not in the agency registry.");
        var (start, end) = (period.Start, period.End);
        var feedback = await session.Query<CitizenFeedback>().Where(f => f.ReceivedAt >= start && f.ReceivedAt < end).ToListAsync(ct);
        return Results.Ok(FeedbackIndicator.Compute(feedback, start, end, WorkingCalendar.ToVietnam(clock.GetUtcNow()), agency));
    }
}
