using JasperFx.Events;
using Marten;
using Npgsql;

namespace Dossiers.Projections.Audit;

/// <summary>
/// Writes the hash chain at append time: before a session saves, every new event gets the session's who-headers and
/// its chained hash. One query per save reads the last hash of each stream being appended to.
/// </summary>
public sealed class HashChainListener(NpgsqlDataSource database, string schema) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        if (streams.Count == 0) return;
        var heads = await Heads(streams.Select(s => s.Id).Distinct().ToArray(), token);
        var serializer = session.DocumentStore.Options.Serializer();
        var metadata = EventHash.MetadataHeaders.ToDictionary(k => k, k => session.GetHeader(k)?.ToString());
        foreach (var stream in streams)
        {
            var (version, previous) = heads.GetValueOrDefault(stream.Id, (0L, ""));
            foreach (var e in stream.Events)
            {
                version++;
                foreach (var (key, value) in metadata)
                    if (value is not null) e.SetHeader(key, value);
                var type = e.EventTypeName ?? ((Marten.Events.EventGraph)((StoreOptions)session.DocumentStore.Options).Events).EventMappingFor(e.EventType).EventTypeName;
                previous = EventHash.Compute(previous, stream.Id, version, type, serializer.ToJson(e.Data), metadata, session.CorrelationId, session.CausationId);
                e.SetHeader(EventHash.Header, previous);
            }
        }
    }

    private async Task<Dictionary<Guid, (long Version, string Hash)>> Heads(Guid[] streams, CancellationToken token)
    {
        await using var command = database.CreateCommand(
            $"select distinct on (stream_id) stream_id, version, coalesce(headers ->> '{EventHash.Header}', '') from {schema}.mt_events " +
            "where stream_id = any(@ids) order by stream_id, version desc");
        command.Parameters.AddWithValue("ids", streams);
        var heads = new Dictionary<Guid, (long, string)>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token)) heads[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetString(2));
        return heads;
    }
}
