using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

public static class GetDossierEndpoint
{
    [WolverineGet("/api/dossiers/{id}"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<DossierView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<Dossier>(id, cancellationToken) is { } dossier
            ? CommandResults.Ok(DossierView.Of(dossier))
            : CommandResults.NotFound(id);
}
