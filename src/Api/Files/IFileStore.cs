using Dossiers.Projections.Audit;
using Npgsql;

namespace Dossiers.Api.Files;

/// <summary>
/// Where file bytes live, content-addressed by their SHA-256: the same bytes are stored once, however many dossiers
/// attach them. The default keeps them in PostgreSQL (<see cref="PostgresFileStore"/>). A store outside the database (an
/// S3-compatible bucket keyed by the hash) implements the same calls: it writes the object at once, ignoring the
/// transaction, and an upload that is then refused leaves an object no event refers to, which nobody can read.
/// </summary>
public interface IFileStore : IStoredFileCheck
{
    /// <summary>Starts storing one file inside <paramref name="transaction"/>; chunks are written as they arrive.</summary>
    IFileWriter StartWriting(NpgsqlTransaction transaction);

    /// <summary>Whether bytes are stored under this hash.</summary>
    Task<bool> Exists(string sha256, CancellationToken ct);

    /// <summary>Writes the bytes stored under <paramref name="sha256"/> to <paramref name="destination"/>, chunk by chunk.</summary>
    Task CopyTo(string sha256, Stream destination, CancellationToken ct);
}

/// <summary>One file on its way into the store.</summary>
public interface IFileWriter
{
    /// <summary>The next chunk of the file, in order. The caller may reuse the memory once this completes.</summary>
    Task Write(ReadOnlyMemory<byte> chunk, CancellationToken ct);

    /// <summary>
    /// Files the chunks under their hash (computed by the caller over the same bytes). When the store already holds these
    /// bytes, the new chunks are dropped and false is answered: nothing is stored twice.
    /// </summary>
    Task<bool> Finish(string sha256, long size, string mediaType, CancellationToken ct);
}
