using Dossiers.Engine.Dvcqg;
using Marten;

namespace Dossiers.Api.Dvcqg;

/// <summary>
/// <c>dvcqg resend &lt;dossierId&gt;</c> and <c>dvcqg resend --failed</c>: send a dossier's current DongBoHoSoMC record
/// again, e.g. after the portal's operator lost data or a failure was fixed. The record gets a fresh MaCapNhat (the
/// original's id with "-R" and the time), so the portal takes it as new rather than dropping it as a duplicate.
/// </summary>
public static class DvcqgCommands
{
    public static async Task<int> Run(string[] args, IServiceProvider services, TextWriter output, CancellationToken ct = default)
    {
        var settings = services.GetRequiredService<PortalSettings>();
        if (!settings.Enabled)
        {
            output.WriteLine("DVCQG sync is off: set Dvcqg:BaseUrl (and Dvcqg:Username, Dvcqg:Password).");
            return 2;
        }
        var store = services.GetRequiredService<IDocumentStore>();
        List<Guid> dossiers;
        switch (args)
        {
            case ["--failed"]:
                await using (var query = store.QuerySession())
                    dossiers = [.. await query.Query<DvcqgSyncState>().Where(s => s.State == SyncStates.Failed).Select(s => s.Id).ToListAsync(ct)];
                break;
            case [var id] when Guid.TryParse(id, out var dossierId):
                dossiers = [dossierId];
                break;
            default:
                output.WriteLine("usage: dvcqg resend <dossierId> | dvcqg resend --failed");
                return 2;
        }
        var clock = services.GetRequiredService<TimeProvider>();
        var writer = new SyncStateWriter(store, clock);
        using var scope = services.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<PortalClient>();
        var failed = 0;
        foreach (var dossierId in dossiers)
        {
            await using var session = store.QuerySession();
            var events = await session.Events.FetchStreamAsync(dossierId, token: ct);
            var (portal, _) = PortalMapper.Replay(events.Select(e => (e.Version, e.Data)), settings.Mapping);
            if (portal is not { OnThePortal: true })
            {
                output.WriteLine($"{dossierId}: not on the portal (no such dossier, or a desk dossier not yet accepted).");
                failed++;
                continue;
            }
            var version = events[^1].Version;
            var updateId = $"{PortalMapper.UpdateId(portal, version, "DB")}-R{PortalTime.Format(clock.GetUtcNow())}";
            var update = new PortalUpdate(dossierId, version, PortalServices.Dossier, updateId, true,
                PortalMapper.Record(portal, updateId, settings.Mapping), portal.Status);
            var code = portal.State.Code ?? dossierId.ToString();
            try
            {
                await client.Send(update, ct);
                await writer.Resent(update, code);
                output.WriteLine($"{dossierId}: status {portal.Status} sent as {updateId}.");
            }
            catch (Exception e) when (e is PortalRefused or HttpRequestException or Polly.ExecutionRejectedException or TaskCanceledException)
            {
                await writer.Failed(update, code, e is PortalRefused ? e.Message : e.GetType().Name);
                output.WriteLine($"{dossierId}: not delivered ({e.Message}).");
                failed++;
            }
        }
        return failed == 0 ? 0 : 1;
    }
}
