using Dossiers.Api.Dossiers;
using Dossiers.Api.Lookup;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Evaluations;
using Dossiers.Projections.Evaluations;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Evaluations;

/// <summary>
/// The citizen evaluates the handling of a dossier with the code printed on its receipt (<see cref="EvaluationTokens"/>):
/// anonymous, rate-limited with the public lookup (<see cref="SharedRateLimit"/>), once per dossier, from the moment
/// its result is ready. A forged code and a code of a dossier that does not exist get the same 404.
/// </summary>
public static class CitizenEvaluationEndpoints
{
    /// <summary>Whether the code can evaluate now, and the questions (no personal data, never the answers given).</summary>
    [WolverineGet("/api/lookup/evaluations/{token}"), AllowAnonymous]
    [ProducesResponseType<EvaluationPage>(200), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(429)]
    public static async Task<IResult> Get(string token, IQuerySession session, SharedRateLimit limit, EvaluationTokens tokens, HttpContext http,
        CancellationToken ct)
    {
        if (await PublicLookupEndpoint.RateLimited(limit, http, ct) is { } tooMany) return tooMany;
        if (Malformed(token) is { } malformed) return malformed;
        if (tokens.DossierOf(token) is not { } id || await session.LoadAsync<Dossier>(id, ct) is not { } dossier) return NotHere();
        var evaluation = await session.LoadAsync<ServiceEvaluation>(EvaluationDecider.StreamIdFor(id), ct);
        Private(http);
        return Results.Ok(PageFor(dossier, evaluation?.EvaluatedAt));
    }

    /// <summary>
    /// Records the evaluation (201), decided by <see cref="EvaluationDecider"/> and appended as
    /// <see cref="ServiceEvaluated"/> on the dossier's evaluation stream. 409 once evaluated, and before the result.
    /// </summary>
    [WolverinePost("/api/lookup/evaluations/{token}"), AllowAnonymous]
    [ProducesResponseType<EvaluationPage>(201), ProducesResponseType(400), ProducesResponseType(404), ProducesResponseType(409), ProducesResponseType(429)]
    public static async Task<IResult> Post(string token, EvaluationBody body, IDocumentStore store, SharedRateLimit limit, EvaluationTokens tokens,
        CommandPipeline pipeline, HttpContext http, CancellationToken ct)
    {
        if (await PublicLookupEndpoint.RateLimited(limit, http, ct) is { } tooMany) return tooMany;
        if (Malformed(token) is { } malformed) return malformed;
        if (body.Check() is { IsValid: false } invalid) return Results.Problem(invalid.Result());
        if (tokens.DossierOf(token) is not { } id) return NotHere();

        // Not Wolverine's transaction: a second evaluation racing this one must be answered 409, not fail the save.
        await using var session = store.LightweightSession();
        var scope = pipeline.Open(CommandRequest.Public(http, EvaluationDecider.Citizen), session, ct);
        if (await session.LoadAsync<Dossier>(id, ct) is not { } dossier) return NotHere();
        var streamId = EvaluationDecider.StreamIdFor(id);
        var before = await session.LoadAsync<ServiceEvaluation>(streamId, ct);
        ServiceEvaluated evaluated;
        try { evaluated = EvaluationDecider.Decide(dossier, before?.EvaluatedAt, body.ToCommand(), scope.Now); }
        catch (CommandRejected rejected) { return CommandResults.Rejected(rejected, []); }

        // The stream's id is the dossier's evaluation: starting it twice fails, whichever request lost the race.
        session.Events.StartStream<ServiceEvaluation>(streamId, evaluated);
        try { await session.SaveChangesAsync(ct); }
        catch (Exception e) when (e is Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException)
        {
            return Results.Problem(statusCode: 409, title: "Not allowed now", detail: "This dossier was already evaluated; each dossier is evaluated once.");
        }
        Private(http);
        return Results.Json(PageFor(dossier, evaluated.EvaluatedAt), statusCode: 201);
    }

    /// <summary>The page for a dossier as it stands: open, already evaluated, waiting for its result, or ended without one.</summary>
    public static EvaluationPage PageFor(Dossier dossier, DateTimeOffset? evaluatedAt) => EvaluationDecider.Refusal(dossier, evaluatedAt) switch
    {
        null => new EvaluationPage(EvaluationPage.Open, true, "The dossier has its result: you may evaluate its handling once.", null, EvaluationPage.Form),
        { } refused => new EvaluationPage(
            evaluatedAt is not null ? EvaluationPage.Evaluated
                : dossier.Status is DossierStatus.Refused or DossierStatus.Stopped ? EvaluationPage.NoResult
                : EvaluationPage.AwaitingResult,
            false, refused.Message, evaluatedAt, EvaluationPage.Form),
    };

    private static IResult? Malformed(string token) => EvaluationTokens.LooksLikeToken(token)
        ? null
        : CommandResults.Invalid("token", $"must be the {EvaluationTokens.Length}-character evaluation code printed on the receipt.");

    private static IResult NotHere() => Results.Problem(statusCode: 404, title: "Not found", detail: "No dossier can be evaluated with this code.");

    // The code is the citizen's credential and sits in the URL: not cached, not passed on as a referrer.
    private static void Private(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
