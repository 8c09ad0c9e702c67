using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>A dossier as staff see it: the internal status beside the national portal's code.</summary>
public sealed record DossierView(
    Guid Id,
    string ProcedureCode,
    Channel Channel,
    DossierStatus Status,
    int DvcqgStatus,
    long Version,
    DateTimeOffset SubmittedAt)
{
    public static DossierView Of(Dossier d) =>
        new(d.Id, d.ProcedureCode, d.Channel, d.Status, global::Dossiers.Engine.Dossiers.DvcqgStatus.Of(d.Status), d.Version, d.SubmittedAt);
}

public static class GetDossierEndpoint
{
    [WolverineGet("/api/dossiers/{id}"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<DossierView>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public static async Task<DossierView?> Get(Guid id, IQuerySession session, CancellationToken cancellationToken) =>
        await session.LoadAsync<Dossier>(id, cancellationToken) is { } dossier ? DossierView.Of(dossier) : null;
}
