using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Dossiers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine;
using Wolverine.Http;

namespace Dossiers.Api.Explanations;

/// <param name="TaskId">The overdue step to explain; none for the dossier as a whole (its appointment).</param>
/// <param name="AnswerWorkingDays">The time to answer, in working days (fractions allowed); the configured one when absent.</param>
public sealed record RequestExplanationBody(string? TaskId, string? Note, decimal? AnswerWorkingDays, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check()
    {
        var check = new RequestCheck().Text("taskId", TaskId, 100).Text("note", Note, 2000);
        if (TaskId is { Length: 0 }) check.Fail("taskId", "must name a step, or be left out to ask about the dossier.");
        if (AnswerWorkingDays is { } days && (days <= 0 || days > ExplanationRules.MaxAnswerWorkingDays))
            check.Fail("answerWorkingDays", $"must be more than 0 and at most {ExplanationRules.MaxAnswerWorkingDays} working days.");
        return check;
    }
}

/// <summary>
/// The control office asks the agency responsible for an overdue dossier or step to explain in writing
/// (QĐ 1326/QĐ-UBND): a new explanation stream, with a durable timer for its answer's deadline.
/// </summary>
public static class RequestExplanationEndpoint
{
    /// <remarks>
    /// The dossier is locked (its stream row) while the request is decided, so two requests on one dossier queue and the
    /// second sees the first (the explanation documents are inline): a duplicate is a 409, never two open requests.
    /// If-Match is the dossier's version, as the controller saw it late.
    /// </remarks>
    [WolverinePost("/api/dossiers/{id}/explanations"), Authorize(Roles = Roles.Controller), DossierCommand(Creates = true, NamesExisting = true, Answer = typeof(ExplanationView))]
    public static async Task<(IResult, OutgoingMessages)> Post(Guid id, RequestExplanationBody body, [NotBody] CommandScope scope,
        IDocumentSession session, ExplanationRules rules, WorkingCalendar calendar, AgencyRegistry agencies)
    {
        var timers = new OutgoingMessages();
        if (await scope.Replay(body) is { } replay) return (replay, timers);
        if (body.Check() is { IsValid: false } invalid) return (Results.Problem(invalid.Result()), timers);
        var dossier = await session.Events.FetchForExclusiveWriting<Dossier>(id, scope.Cancellation);
        if (dossier.Aggregate is not { } state) return (CommandResults.NotFound(id), timers);
        if ((scope.ExpectedVersion ?? body.ExpectedVersion) is { } expected && expected != state.Version)
            return (CommandResults.Stale(expected, state.Version), timers);

        var earlier = await session.Query<Explanation>().Where(x => x.DossierId == id).ToListAsync(scope.Cancellation);
        var command = new ExplanationCommand.Request(Guid.CreateVersion7(), body.TaskId?.Trim(), Trimmed(body.Note),
            body.AnswerWorkingDays is { } days ? Budget.WorkingDays(days) : null);
        IReadOnlyList<object> events;
        try { events = ExplanationDecider.Request(state, earlier, command, new ExplanationContext(calendar, scope.Actor, scope.Now, rules)); }
        catch (CommandRejected rejected) { return (CommandResults.Rejected(rejected, []), timers); }

        session.Events.StartStream<Explanation>(command.ExplanationId, [.. events]);
        foreach (var timer in ExplanationDeadlineHandler.TimersFor(events))
            timers.Delay(timer, timer.DueAt - scope.Now);
        var created = events.Aggregate((Explanation?)null, Explanation.Evolve)! with { Version = events.Count };
        return (ExplanationAnswers.Remembered(scope, body, ExplanationView.Of(created, agencies, rules), 201), timers);
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The answer of an explanation command, kept under its Idempotency-Key in the command's transaction.</summary>
internal static class ExplanationAnswers
{
    public static IResult Remembered<TBody>(CommandScope scope, TBody body, ExplanationView view, int status) where TBody : class =>
        scope.Answered(body, view, view.Version, status, status == 201 ? $"/api/explanations/{view.Id}" : null);
}
