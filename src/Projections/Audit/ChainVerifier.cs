using System.Text.Json.Nodes;
using Npgsql;

namespace Dossiers.Projections.Audit;

public enum ChainProblemKind { Changed, Missing, Unhashed, FileChanged, FileMissing }

public sealed record ChainProblem(long Version, ChainProblemKind Kind, string Detail);

public sealed record ChainReport(Guid StreamId, bool Intact, long Events, long StreamVersion, IReadOnlyList<ChainProblem> Problems);

/// <summary>
/// Recomputes the hash chain over the stored event rows and names every row that was changed, deleted or slipped in.
/// It reads the rows as PostgreSQL holds them, not through Marten, so nothing is repaired on the way. With
/// <paramref name="files"/>, every file an event attached is re-hashed from the store too: the chain covers the hash,
/// this covers the bytes.
/// </summary>
public sealed class ChainVerifier(NpgsqlDataSource database, string schema, IStoredFileCheck? files = null)
{
    /// <summary>Marten's name for <see cref="Engine.Dossiers.FileAttached"/> rows (its default: the type in snake case).</summary>
    public const string FileAttachedType = "file_attached";

    public async Task<ChainReport?> Verify(Guid streamId, CancellationToken token = default) =>
        (await Verify([streamId], new Dictionary<string, string?>(), token)).SingleOrDefault();

    /// <summary>Every stream in the store, in stream id order; <paramref name="progress"/> hears each report.</summary>
    public async Task<IReadOnlyList<ChainReport>> VerifyAll(Action<ChainReport>? progress = null, CancellationToken token = default)
    {
        var ids = new List<Guid>();
        await using (var command = database.CreateCommand($"select id from {schema}.mt_streams order by id"))
        await using (var reader = await command.ExecuteReaderAsync(token))
            while (await reader.ReadAsync(token)) ids.Add(reader.GetGuid(0));
        var reports = new List<ChainReport>();
        var rehashed = new Dictionary<string, string?>();   // a file attached to many dossiers is read once
        foreach (var chunk in ids.Chunk(500))
            foreach (var report in await Verify(chunk, rehashed, token))
            {
                reports.Add(report);
                progress?.Invoke(report);
            }
        return reports;
    }

    private async Task<IReadOnlyList<ChainReport>> Verify(Guid[] streams, Dictionary<string, string?> rehashed, CancellationToken token)
    {
        var versions = new Dictionary<Guid, long>();
        await using (var command = database.CreateCommand($"select id, version from {schema}.mt_streams where id = any(@ids)"))
        {
            command.Parameters.AddWithValue("ids", streams);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token)) versions[reader.GetGuid(0)] = reader.GetInt64(1);
        }
        var rows = new Dictionary<Guid, List<Row>>();
        await using (var command = database.CreateCommand(
            $"select stream_id, version, type, data::text, coalesce(headers::text, '{{}}'), correlation_id, causation_id from {schema}.mt_events " +
            "where stream_id = any(@ids) order by stream_id, version"))
        {
            command.Parameters.AddWithValue("ids", streams);
            await using var reader = await command.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var id = reader.GetGuid(0);
                if (!rows.TryGetValue(id, out var list)) rows[id] = list = [];
                list.Add(new Row(reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
            }
        }
        var reports = streams.Where(versions.ContainsKey).Select(id => Check(id, versions[id], rows.GetValueOrDefault(id) ?? [])).ToList();
        if (files is null) return reports;
        for (var i = 0; i < reports.Count; i++)
        {
            var fileProblems = await CheckFiles(rows.GetValueOrDefault(reports[i].StreamId) ?? [], rehashed, token);
            if (fileProblems.Count > 0)
                reports[i] = reports[i] with { Intact = false, Problems = [.. reports[i].Problems, .. fileProblems] };
        }
        return reports;
    }

    /// <summary>Each file a stream's events attached, re-hashed from the store: changed or missing bytes are named by their hash.</summary>
    private async Task<List<ChainProblem>> CheckFiles(List<Row> rows, Dictionary<string, string?> rehashed, CancellationToken token)
    {
        var problems = new List<ChainProblem>();
        foreach (var row in rows.Where(r => r.Type == FileAttachedType))
        {
            // An event edited into something else was named by the chain already.
            if (JsonNode.Parse(row.Data)?["sha256"] is not JsonValue value || !value.TryGetValue<string>(out var sha256)) continue;
            if (!rehashed.TryGetValue(sha256, out var actual)) rehashed[sha256] = actual = await files!.Rehash(sha256, token);
            if (actual is null)
                problems.Add(new ChainProblem(row.Version, ChainProblemKind.FileMissing,
                    $"File sha256 {sha256} attached by event {row.Version} is not in the file store: its bytes were deleted."));
            else if (actual != sha256)
                problems.Add(new ChainProblem(row.Version, ChainProblemKind.FileChanged,
                    $"File sha256 {sha256} attached by event {row.Version} was changed: its stored bytes now hash to {actual}."));
        }
        return problems;
    }

    /// <summary>
    /// Marten's own stream of tombstones: when a save fails after its events got sequence numbers, Marten fills the
    /// numbers with empty "tombstone" rows so the async daemon never waits for them. The application never writes
    /// there, so nothing in it carries a hash, and its versions are those sequence numbers, not 1, 2, 3…
    /// </summary>
    public static readonly Guid TombstoneStream = JasperFx.Events.Tombstone.StreamId;

    private const string TombstoneType = "tombstone";

    private static ChainReport Check(Guid streamId, long streamVersion, List<Row> rows)
    {
        if (streamId == TombstoneStream) return CheckTombstones(streamId, streamVersion, rows);
        var problems = new List<ChainProblem>();
        var previous = "";
        long expected = 1;
        foreach (var row in rows)
        {
            if (row.Version > expected)
                problems.Add(new ChainProblem(expected, ChainProblemKind.Missing, Missing(expected, row.Version - 1)));
            var headers = JsonNode.Parse(row.Headers)!.AsObject();
            var metadata = EventHash.MetadataHeaders.ToDictionary(k => k, k => headers[k]?.GetValue<string>());
            var computed = EventHash.Compute(previous, streamId, row.Version, row.Type, row.Data, metadata, row.Correlation, row.Causation);
            var stored = headers[EventHash.Header]?.GetValue<string>();
            if (stored is null)
                problems.Add(new ChainProblem(row.Version, ChainProblemKind.Unhashed, $"Event {row.Version} ({row.Type}) carries no hash: it was not written by the application."));
            else if (stored != computed)
                problems.Add(new ChainProblem(row.Version, ChainProblemKind.Changed,
                    $"Event {row.Version} ({row.Type}) does not match its hash: its data or metadata was changed, or the event before it was removed or replaced."));
            previous = stored ?? computed;
            expected = row.Version + 1;
        }
        if (streamVersion >= expected)
            problems.Add(new ChainProblem(expected, ChainProblemKind.Missing, Missing(expected, streamVersion)));
        return new ChainReport(streamId, problems.Count == 0, rows.Count, streamVersion, problems);
    }

    // Intact when it holds tombstones and nothing else: an event of any other kind, or a tombstone given content, was
    // slipped in by hand.
    private static ChainReport CheckTombstones(Guid streamId, long streamVersion, List<Row> rows)
    {
        var problems = rows.Where(r => r.Type != TombstoneType || JsonNode.Parse(r.Data) is not JsonObject { Count: 0 })
            .Select(r => new ChainProblem(r.Version, ChainProblemKind.Changed,
                $"Row {r.Version} ({r.Type}) of Marten's tombstone stream is not an empty tombstone: it was not written by Marten."))
            .ToList();
        return new ChainReport(streamId, problems.Count == 0, rows.Count, streamVersion, problems);
    }

    private static string Missing(long from, long to) =>
        from == to ? $"Event {from} is missing: the row was deleted." : $"Events {from} to {to} are missing: the rows were deleted.";

    private sealed record Row(long Version, string Type, string Data, string Headers, string? Correlation, string? Causation);
}
