using System.Globalization;
using Dossiers.Api.Auth;
using Dossiers.Api.Privacy;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Dossiers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

public static class GetDossierEndpoint
{
    /// <summary>The dossier now, or exactly as it was at <paramref name="asOf"/> (ISO 8601 with offset) or after event <paramref name="version"/>.</summary>
    [WolverineGet("/api/dossiers/{id}"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<DossierView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest), ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(Guid id, string? asOf, string? version, IQuerySession session, PersonalDataGuard guard,
        [NotBody] Workflows.WorkflowLibrary library, [NotBody] RecentDossierStates recent, HttpContext http, CancellationToken cancellationToken)
    {
        if (asOf is not null && version is not null) return CommandResults.Invalid("asOf", "give asOf or version, not both.");
        long? atVersion = null;
        DateTimeOffset? atTime = null;
        if (version is not null)
        {
            if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) || v < 1)
                return CommandResults.Invalid("version", "must be an event number, 1 or more.");
            atVersion = v;
        }
        if (asOf is not null)
        {
            if (!Instants.TryParse(asOf, out var at))
                return CommandResults.Invalid("asOf", "must be an ISO 8601 date-time with an offset, e.g. 2026-03-02T09:00:00+07:00.");
            atTime = at.ToUniversalTime();
        }
        // Who may read is judged on the dossier as it is now: a unit that ever worked on it may replay its past.
        if (await Current(session, recent, id, cancellationToken) is not { } now) return CommandResults.NotFound(id);
        if (await guard.Dossier(http, now, cancellationToken) is { } refused) return refused;
        var dossier = atVersion is { } n ? await session.Events.AggregateStreamAsync<Dossier>(id, version: n, token: cancellationToken)
            : atTime is { } t ? await session.Events.AggregateStreamAsync<Dossier>(id, timestamp: t, token: cancellationToken)
            : now;
        if (dossier is null) return CommandResults.NotFound(id);
        var workflow = await library.Find(session, dossier.DefinitionId, dossier.DefinitionVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Workflow {dossier.DefinitionId} v{dossier.DefinitionVersion} of dossier {id} is missing.");
        return CommandResults.Ok(DossierView.Of(dossier, CurrentActor.From(http.User), workflow.Procedure));
    }

    /// <summary>
    /// The dossier as stored. When this node saved it last, that state is what is stored, if its stream is still at the
    /// version it was saved at: then only the version is read, not the document, which is most of a read's cost.
    /// </summary>
    private static async Task<Dossier?> Current(IQuerySession session, RecentDossierStates recent, Guid id, CancellationToken ct)
    {
        if (!recent.IsOn) return await session.LoadAsync<Dossier>(id, ct);
        if (await session.Events.FetchStreamStateAsync(id, ct) is not { } stream) return null;
        return recent.SavedAt(id, stream.Version) ?? await session.LoadAsync<Dossier>(id, ct);
    }
}
