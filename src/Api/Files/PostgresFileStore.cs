using System.Data;
using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Dossiers.Api.Files;

/// <summary>
/// File bytes in PostgreSQL: one row per stored file in <c>file_blobs</c> (hash, size, media type, and the upload whose
/// chunks hold the bytes) and its bytes in <c>file_chunks</c>, in order, at most <see cref="FileLimits.ChunkBytes"/>
/// each. Chunks are written under a fresh upload id while the hash is still unknown; at the end the blob row names
/// them, or, when the hash is already stored, they are deleted. Everything happens in the caller's transaction, so a
/// refused or failed upload leaves nothing. Reads go chunk by chunk (sequential access), never a whole file in memory.
/// </summary>
public sealed class PostgresFileStore(NpgsqlDataSource database, string schema) : IFileStore
{
    public const string BlobTable = "file_blobs", ChunkTable = "file_chunks";

    /// <summary>The two tables, created with the rest of the schema (Marten's extended schema objects).</summary>
    public static IEnumerable<Table> Tables(string schema)
    {
        var blobs = new Table(new PostgresqlObjectName(schema, BlobTable, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        blobs.AddColumn<string>("sha256").AsPrimaryKey();
        blobs.AddColumn<Guid>("upload_id").NotNull();
        blobs.AddColumn<long>("size").NotNull();
        blobs.AddColumn<string>("media_type").NotNull();
        blobs.AddColumn<DateTimeOffset>("stored_at").NotNull().DefaultValueByExpression("now()");
        var chunks = new Table(new PostgresqlObjectName(schema, ChunkTable, Weasel.Postgresql.SchemaUtils.IdentifierUsage.General));
        chunks.AddColumn<Guid>("upload_id").AsPrimaryKey();
        chunks.AddColumn<int>("seq").AsPrimaryKey();
        chunks.AddColumn("data", "bytea").NotNull();
        return [blobs, chunks];
    }

    public IFileWriter StartWriting(NpgsqlTransaction transaction) => new Writer(transaction, schema);

    public async Task<bool> Exists(string sha256, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"select 1 from {schema}.{BlobTable} where sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public async Task CopyTo(string sha256, Stream destination, CancellationToken ct)
    {
        await foreach (var chunk in Chunks(sha256, ct)) await chunk.CopyToAsync(destination, ct);
    }

    public async Task<string?> Rehash(string sha256, CancellationToken ct)
    {
        if (!await Exists(sha256, ct)) return null;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        await foreach (var chunk in Chunks(sha256, ct))
        {
            int read;
            while ((read = await chunk.ReadAsync(buffer, ct)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    // Each chunk as a stream over the wire: with sequential access Npgsql does not buffer the row.
    private async IAsyncEnumerable<Stream> Chunks(string sha256, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select c.data from {schema}.{BlobTable} b join {schema}.{ChunkTable} c on c.upload_id = b.upload_id where b.sha256 = $1 order by c.seq");
        command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            await using var data = await reader.GetStreamAsync(0, ct);
            yield return data;
        }
    }

    private sealed class Writer(NpgsqlTransaction transaction, string schema) : IFileWriter
    {
        private readonly Guid _upload = Guid.CreateVersion7();
        private int _seq;

        public async Task Write(ReadOnlyMemory<byte> chunk, CancellationToken ct)
        {
            await using var command = new NpgsqlCommand($"insert into {schema}.{ChunkTable} (upload_id, seq, data) values ($1, $2, $3)",
                transaction.Connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = _upload });
            command.Parameters.Add(new NpgsqlParameter { Value = _seq++ });
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { NpgsqlDbType = NpgsqlDbType.Bytea, TypedValue = chunk });
            await command.ExecuteNonQueryAsync(ct);
        }

        public async Task<bool> Finish(string sha256, long size, string mediaType, CancellationToken ct)
        {
            // Two uploads of the same new bytes at once: the second waits on the key until the first commits, then
            // inserts nothing and drops its own chunks.
            await using var command = new NpgsqlCommand(
                $"with filed as (insert into {schema}.{BlobTable} (sha256, upload_id, size, media_type) values ($1, $2, $3, $4) " +
                "on conflict (sha256) do nothing returning 1), " +
                $"dropped as (delete from {schema}.{ChunkTable} where upload_id = $2 and not exists (select 1 from filed)) " +
                "select count(*) from filed", transaction.Connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = sha256 });
            command.Parameters.Add(new NpgsqlParameter { Value = _upload });
            command.Parameters.Add(new NpgsqlParameter { Value = size });
            command.Parameters.Add(new NpgsqlParameter { Value = mediaType });
            return (long)(await command.ExecuteScalarAsync(ct))! == 1;
        }
    }
}
