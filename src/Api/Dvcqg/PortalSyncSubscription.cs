using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Dvcqg;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

namespace Dossiers.Api.Dvcqg;

/// <summary>
/// Sends the portal what the events say, driven by Marten's async daemon: the daemon hands over pages of events in
/// the store's order and records how far it got only after a page returns, in the same transaction as its progress.
/// So nothing is sent from the command path; a killed process resumes from the last finished page (at least once:
/// the portal deduplicates by MaCapNhat); and a page is not finished until every update in it was acknowledged,
/// which keeps each dossier's updates in order while the portal is down. One node runs it (the daemon's leader).
/// </summary>
public sealed class PortalSyncSubscription : SubscriptionBase
{
    public const string SubscriptionId = "DvcqgSync";

    private readonly IServiceScopeFactory _scopes;
    private readonly PortalSettings _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<PortalSyncSubscription> _log;

    public PortalSyncSubscription(IServiceScopeFactory scopes, PortalSettings settings, TimeProvider clock, ILogger<PortalSyncSubscription> log)
    {
        (_scopes, _settings, _clock, _log) = (scopes, settings, clock, log);
        Name = SubscriptionId;
        // Small pages: a page is the unit the daemon records as done, so a crash resends at most this many events' updates.
        Options.BatchSize = 50;
    }

    public override async Task<IChangeListener> ProcessEventsAsync(EventRange page, ISubscriptionController controller,
        IDocumentOperations operations, CancellationToken ct)
    {
        var updates = await UpdatesOf(page, operations, ct);
        if (updates.Count == 0) return NullChangeListener.Instance;
        var writer = new SyncStateWriter(operations.DocumentStore, _clock);
        foreach (var dossier in updates.GroupBy(u => u.Update.DossierId))
            await writer.TakenUp(dossier.Key, dossier.First().Code, dossier.Count());

        using var scope = _scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<PortalClient>();
        foreach (var (update, code) in updates)
        {
            for (var failures = 0; ; failures++)
            {
                try
                {
                    await client.Send(update, ct);
                    await writer.Acknowledged(update, code);
                    break;
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    var reason = Reason(e);
                    // Ids and reasons only: a record carries the applicant's name and phone, which never reach the logs.
                    _log.LogWarning("DVCQG update {UpdateId} of dossier {DossierId} not delivered ({Reason}); retrying", update.UpdateId, update.DossierId, reason);
                    await writer.Failed(update, code, reason);
                    await Task.Delay(Backoff(failures), ct);
                }
            }
        }
        return NullChangeListener.Instance;
    }

    /// <summary>The updates the page's dossier events produce, in the page's order, each with its dossier's code.</summary>
    private async Task<List<(PortalUpdate Update, string Code)>> UpdatesOf(EventRange page, IDocumentOperations operations, CancellationToken ct)
    {
        var inPage = page.Events.Where(e => e.Data is IDossierEvent).ToList();
        var byDossier = new Dictionary<Guid, List<(PortalUpdate, string)>>();
        foreach (var dossier in inPage.GroupBy(e => e.StreamId))
        {
            var first = dossier.Min(e => e.Version);
            var last = dossier.Max(e => e.Version);
            // The mapper needs the dossier as it was before each event: fold the stream from its start.
            var stream = await operations.Events.FetchStreamAsync(dossier.Key, last, token: ct);
            PortalDossier? state = null;
            var produced = new List<(PortalUpdate, string)>();
            foreach (var e in stream)
            {
                var (after, updates) = PortalMapper.Step(state, e.Data, e.Version, _settings.Mapping);
                state = after ?? state;
                if (e.Version >= first && state is not null)
                    produced.AddRange(updates.Select(u => (u, state.State.Code ?? state.State.Id.ToString())));
            }
            byDossier[dossier.Key] = produced;
        }
        // Dossier after dossier in the order they first appear in the page; each dossier's own updates in version order.
        return [.. inPage.Select(e => e.StreamId).Distinct().SelectMany(id => byDossier[id])];
    }

    private TimeSpan Backoff(int failures) =>
        TimeSpan.FromTicks(Math.Min(_settings.MaxBackoff.Ticks, _settings.RetryDelay.Ticks * (1L << Math.Min(failures, 16))));

    private static string Reason(Exception e) => e switch
    {
        PortalRefused refused => refused.Message,
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException => "connection failed",
        Polly.Timeout.TimeoutRejectedException or TaskCanceledException => "timed out",
        Polly.CircuitBreaker.BrokenCircuitException => "circuit open after repeated failures",
        _ => e.GetType().Name,
    };
}
