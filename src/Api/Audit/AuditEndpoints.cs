using System.Text.Json;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Privacy;
using Dossiers.Projections.Audit;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Dossiers.Api.Audit;

/// <summary>One stored event as an auditor reads it: what, who (from the token of the time), when, why, correlation.</summary>
public sealed record HistoryItem(long Version, long Sequence, string Type, DateTimeOffset At, string? User, string? Role, string? Agency,
    string? Reason, string? CorrelationId, string? CausationId, JsonElement Data);

public sealed record History(Guid DossierId, IReadOnlyList<HistoryItem> Items);

/// <summary>The audit trail is the event store itself: read straight from the stream, never from a projection.</summary>
public static class AuditEndpoints
{
    public const string Auditors = $"{Roles.Auditor},{Roles.Controller},{Roles.Admin}";

    [WolverineGet("/api/dossiers/{id}/history"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<History>(200), ProducesResponseType(404)]
    public static async Task<IResult> History(Guid id, IQuerySession session, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        PersonalDataGuard guard, HttpContext http, CancellationToken ct)
    {
        if (await session.LoadAsync<Engine.Dossiers.Dossier>(id, ct) is not { } dossier) return CommandResults.NotFound(id);
        if (await guard.Dossier(http, dossier, ct) is { } refused) return refused;
        var events = await session.Events.FetchStreamAsync(id, token: ct);
        if (events.Count == 0) return CommandResults.NotFound(id);
        var options = json.Value.SerializerOptions;
        return Results.Ok(new History(id, [.. events.Select(e =>
        {
            var data = JsonSerializer.SerializeToElement(e.Data, e.Data.GetType(), options);
            return new HistoryItem(e.Version, e.Sequence, e.EventTypeName, e.Timestamp.ToOffset(TimeSpan.FromHours(7)),
                Header(e, "user"), Header(e, "role"), Header(e, "agency"),
                data.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
                e.CorrelationId, e.CausationId, data);
        })]));
    }

    /// <summary>Recomputes the stream's hash chain from the stored rows and names any changed, inserted or deleted event.</summary>
    [WolverineGet("/api/dossiers/{id}/verify"), Authorize(Roles = Auditors)]
    [ProducesResponseType<ChainReport>(200), ProducesResponseType(404)]
    public static async Task<IResult> Verify(Guid id, ChainVerifier verifier, CancellationToken ct) =>
        await verifier.Verify(id, ct) is { } report ? Results.Ok(report) : CommandResults.NotFound(id);

    private static string? Header(JasperFx.Events.IEvent e, string key) => e.Headers?.GetValueOrDefault(key)?.ToString();
}
