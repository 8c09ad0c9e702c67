using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;
using Wolverine.Marten;
using Wolverine.Persistence;

namespace Dossiers.Api.Explanations;

/// <param name="Cause">A configured cause code (GET /api/explanations/causes lists them).</param>
/// <param name="CauseText">The cause in the agency's words: required for a cause that asks for it ("other").</param>
/// <param name="Remedy">What the agency does about it.</param>
public sealed record AnswerExplanationBody(string? Cause, string? CauseText, string? Remedy, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check() => new RequestCheck()
        .RequiredText("cause", Cause, 100).Text("causeText", CauseText, 2000).RequiredText("remedy", Remedy, 4000);
}

/// <summary>The agency asked answers with the cause and the remedy; an answer after the deadline is recorded as late.</summary>
public static class AnswerExplanationEndpoint
{
    /// <remarks>
    /// The request's stream is loaded under its row lock (Wolverine's aggregate handler workflow): two officers answering
    /// at once get one 200 and one 409. Only the agency asked answers (403 otherwise); officers, or the desk when the
    /// agency asked is its centre. If-Match is the request's version.
    /// </remarks>
    [WolverinePost("/api/explanations/{id}/answer"), Authorize(Roles = Roles.AgencyStaff), DossierCommand(Answer = typeof(ExplanationView))]
    public static async Task<(IResult, Events)> Post(AnswerExplanationBody body,
        [WriteAggregate("id", LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive, OnMissing = OnMissing.ProblemDetailsWith404)] IEventStream<Explanation> explanation,
        [NotBody] CommandScope scope, ExplanationRules rules, WorkingCalendar calendar, AgencyRegistry agencies)
    {
        if (await scope.Replay(body) is { } replay) return (replay, []);
        if (body.Check() is { IsValid: false } invalid) return (Results.Problem(invalid.Result()), []);
        var state = explanation.Aggregate!;
        if ((scope.ExpectedVersion ?? body.ExpectedVersion) is { } expected && expected != state.Version)
            return (CommandResults.Stale(expected, state.Version, "explanation request"), []);

        IReadOnlyList<object> events;
        try
        {
            events = ExplanationDecider.Decide(state, new ExplanationCommand.Answer(body.Cause!.Trim(), body.CauseText, body.Remedy!),
                new ExplanationContext(calendar, scope.Actor, scope.Now, rules));
        }
        catch (CommandRejected rejected) { return (CommandResults.Rejected(rejected, []), []); }
        var after = events.Aggregate((Explanation?)state, Explanation.Evolve)! with { Version = state.Version + events.Count };
        return (ExplanationAnswers.Remembered(scope, body, ExplanationView.Of(after, agencies, rules), 200), [.. events]);
    }
}
