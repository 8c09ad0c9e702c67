using Dossiers.Api.Auth;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Workflows.Migration;

/// <summary>
/// Moving every running dossier of a workflow version to another published version with one step mapping: a preview
/// that saves nothing, then the migration, a page of dossiers per call. The per-dossier rules are the decider's.
/// </summary>
public static class BulkMigrationEndpoints
{
    private const string ControlOffice = $"{Roles.Controller},{Roles.Admin}";

    [WolverinePost("/api/workflows/{definitionId}/{version}/migration/preview"), Authorize(Roles = ControlOffice)]
    [ProducesResponseType<MigrationPreview>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Preview(string definitionId, int version, BulkMigrationBody body, HttpContext http,
        [NotBody] Dossiers.CommandPipeline pipeline, [NotBody] IDocumentStore store, CancellationToken ct)
    {
        // A session that is never saved: the preview's decisions only read.
        await using var session = store.LightweightSession();
        var (migration, refused) = await BulkMigration.Start(definitionId, version, body, http, pipeline, session, ct);
        if (migration is null) return refused!;
        var (page, remaining) = await migration.Candidates(session, ct);
        var items = new List<MigrationPreviewItem>(page.Count);
        foreach (var dossier in page) items.Add(await migration.Preview(dossier, session, ct));
        var migratable = items.Count(i => i.Reason is null);
        return Results.Ok(new MigrationPreview(definitionId, version, migration.ToVersion, items.Count, migratable, items.Count - migratable,
            remaining, remaining > 0 ? page[^1].Id : null, items));
    }

    [WolverinePost("/api/workflows/{definitionId}/{version}/migration"), Authorize(Roles = ControlOffice)]
    [ProducesResponseType<MigrationReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest), ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public static async Task<IResult> Migrate(string definitionId, int version, BulkMigrationBody body, HttpContext http,
        [NotBody] Dossiers.CommandPipeline pipeline, [NotBody] IDocumentStore store, CancellationToken ct)
    {
        List<Engine.Dossiers.Dossier> page;
        int remaining;
        BulkMigration? migration;
        await using (var session = store.QuerySession())
        {
            (migration, var refused) = await BulkMigration.Start(definitionId, version, body, http, pipeline, session, ct);
            if (migration is null) return refused!;
            (var found, remaining) = await migration.Candidates(session, ct);
            page = [.. found];
        }
        // One dossier after the other, each in its own transaction: a failure or a skip leaves the others as they are.
        var items = new List<MigrationResultItem>(page.Count);
        foreach (var dossier in page) items.Add(await migration.Migrate(dossier, http.RequestServices, ct));
        var migrated = items.Count(i => i.Outcome == MigrationOutcome.Migrated);
        return Results.Ok(new MigrationReport(definitionId, version, migration.ToVersion, items.Count, migrated, items.Count - migrated,
            remaining, remaining > 0 ? page[^1].Id : null, items));
    }
}
