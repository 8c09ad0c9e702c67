using System.Buffers;
using System.Collections.Concurrent;
using System.Reflection;
using JasperFx.Events;
using Dossiers.Engine.Dossiers;
using Marten;
using Npgsql;

namespace Dossiers.Projections.Audit;

/// <summary>
/// Writes the hash chain at append time: before a session saves, every new event gets the session's who-headers and
/// its chained hash. The head each chain continues from is known (a new stream; a dossier, whose state carries its
/// head) or read, one indexed probe per stream, in one query per save.
/// </summary>
public sealed class HashChainListener(NpgsqlDataSource database, string schema) : DocumentSessionListenerBase
{
    public override async Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams().Where(s => s.Events.Count > 0).ToList();
        if (streams.Count == 0) return;
        var appended = streams.GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.Sum(s => s.Events.Count));
        var states = ChainedStates(session, appended);
        var heads = states.Values.Where(s => s.ChainHead is not null)
            .ToDictionary(s => s.Id, s => (s.Version - appended[s.Id], s.ChainHead!));
        // A new stream starts the chain; a dossier's or register's state carries its head; the rest (workflows) are read.
        var unknown = streams.Where(s => s.ActionType != StreamActionType.Start && !heads.ContainsKey(s.Id)).Select(s => s.Id).Distinct().ToArray();
        if (unknown.Length > 0)
            foreach (var (id, head) in await Heads(unknown, token)) heads[id] = head;
        var serializer = session.DocumentStore.Options.Serializer();
        var metadata = EventHash.MetadataHeaders.ToDictionary(k => k, k => session.GetHeader(k)?.ToString());
        // Each event's data as the append writes it: UTF-8 from the serializer, with no string in between.
        var data = new ArrayBufferWriter<byte>(1024);
        foreach (var stream in streams)
        {
            var (version, previous) = heads.GetValueOrDefault(stream.Id, (0L, ""));
            foreach (var e in stream.Events)
            {
                version++;
                foreach (var (key, value) in metadata)
                    if (value is not null) e.SetHeader(key, value);
                var type = e.EventTypeName ?? ((Marten.Events.EventGraph)((StoreOptions)session.DocumentStore.Options).Events).EventMappingFor(e.EventType).EventTypeName;
                data.ResetWrittenCount();
                serializer.WriteTo(data, e.Data);
                previous = EventHash.Compute(previous, stream.Id, version, type, data.WrittenMemory, metadata, session.CorrelationId, session.CausationId);
                e.SetHeader(EventHash.Header, previous);
            }
            // Inline projections ran before listeners, so the state about to be saved saw no hash. Its upsert serialises
            // it only when the batch is written, after this: setting the head on that very object saves it with no
            // extra statement (a patch cost a second write of the document per command).
            if (states.TryGetValue(stream.Id, out var state)) SetHead(state, previous);
        }
    }

    // Inline projections ran just before listeners, and the events had no hash yet: a projected state still carries the
    // head its stream had before this save (none for a new stream), at its version minus the events being appended.
    // Read from the session's operations, not AllChangedFor, whose Distinct() hashed every field of each whole state;
    // the last write of a state is the one saved.
    private static Dictionary<Guid, IChainedState> ChainedStates(IDocumentSession session, Dictionary<Guid, int> appended)
    {
        var states = new Dictionary<Guid, IChainedState>();
        foreach (var operation in session.PendingChanges.Operations())
            if (operation is Weasel.Storage.IDocumentStorageOperation { Document: IChainedState state } && appended.ContainsKey(state.Id))
                states[state.Id] = state;
        return states;
    }

    // The head is init-only for every other reader; only the save that writes the new events may set it.
    private static readonly ConcurrentDictionary<Type, PropertyInfo> HeadProperties = new();

    private static void SetHead(IChainedState state, string head) =>
        HeadProperties.GetOrAdd(state.GetType(), t => t.GetProperty(nameof(IChainedState.ChainHead))!).SetValue(state, head);

    // One index probe per stream (the newest event by the (stream_id, version) index), however long the stream is.
    private async Task<Dictionary<Guid, (long Version, string Hash)>> Heads(Guid[] streams, CancellationToken token)
    {
        await using var command = database.CreateCommand(
            $"select s.id, h.version, coalesce(h.headers ->> '{EventHash.Header}', '') from unnest(@ids) as s(id) " +
            $"cross join lateral (select e.version, e.headers from {schema}.mt_events e where e.stream_id = s.id order by e.version desc limit 1) as h");
        command.Parameters.AddWithValue("ids", streams);
        var heads = new Dictionary<Guid, (long, string)>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token)) heads[reader.GetGuid(0)] = (reader.GetInt64(1), reader.GetString(2));
        return heads;
    }
}
