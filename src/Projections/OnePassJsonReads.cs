using System.Buffers;
using System.Data.Common;
using Marten;
using Npgsql;
using Weasel.Core;
using ISerializer = Marten.ISerializer;

namespace Dossiers.Projections;

/// <summary>
/// Marten's System.Text.Json serializer, with its asynchronous reads (every document load and every event the daemon
/// and the aggregate handler fetch) copied from the column first and then parsed in one pass. Marten hands the column's
/// stream to <c>JsonSerializer.DeserializeAsync</c>, whose resumable converters (the path that can stop and continue
/// at any byte) cost several times the one-pass parse of a buffer the same serializer uses for its synchronous reads;
/// a document or event is a few kilobytes, so the copy is cheap (bench/README.md). Everything else is Marten's own.
/// </summary>
public sealed class OnePassJsonReads(ISerializer inner) : ISerializer
{
    public async ValueTask<T> FromJsonAsync<T>(Stream stream, CancellationToken cancellationToken = default)
    {
        using var copy = await Copy(stream, cancellationToken);
        return inner.FromJson<T>(copy);
    }

    public async ValueTask<T> FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellationToken = default)
    {
        await using var stream = await reader.GetFieldValueAsync<Stream>(index, cancellationToken);
        return await FromJsonAsync<T>(stream, cancellationToken);
    }

    public async ValueTask<object> FromJsonAsync(Type type, Stream stream, CancellationToken cancellationToken = default)
    {
        using var copy = await Copy(stream, cancellationToken);
        return inner.FromJson(type, copy);
    }

    public async ValueTask<object> FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellationToken = default)
    {
        await using var stream = await reader.GetFieldValueAsync<Stream>(index, cancellationToken);
        return await FromJsonAsync(type, stream, cancellationToken);
    }

    /// <summary>The column's bytes in a pooled buffer, read asynchronously (a sequential reader may still be on the wire).</summary>
    private static async ValueTask<PooledCopy> Copy(Stream stream, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)Math.Max(1, stream.Length - stream.Position) : 4096);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var read = await stream.ReadAsync(buffer.AsMemory(length), ct);
                if (read == 0) return new PooledCopy(buffer, length);
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    /// <summary>A read-only stream over the pooled copy, returned to the pool when disposed.</summary>
    private sealed class PooledCopy : MemoryStream
    {
        private byte[]? _pooled;

        public PooledCopy(byte[] pooled, int length) : base(pooled, 0, length, writable: false) => _pooled = pooled;

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && Interlocked.Exchange(ref _pooled, null) is { } pooled) ArrayPool<byte>.Shared.Return(pooled);
        }
    }

    public T FromJson<T>(Stream stream) => inner.FromJson<T>(stream);
    public T FromJson<T>(DbDataReader reader, int index) => inner.FromJson<T>(reader, index);
    public object FromJson(Type type, Stream stream) => inner.FromJson(type, stream);
    public object FromJson(Type type, DbDataReader reader, int index) => inner.FromJson(type, reader, index);
    public string ToJson(object? document) => inner.ToJson(document);
    public void WriteTo(IBufferWriter<byte> writer, object? value) => inner.WriteTo(writer, value);
    public string ToCleanJson(object? document) => inner.ToCleanJson(document);
    public void WriteToCleanJson(IBufferWriter<byte> writer, object? value) => inner.WriteToCleanJson(writer, value);
    public string ToJsonWithTypes(object document) => inner.ToJsonWithTypes(document);
    public void WriteToJsonWithTypes(IBufferWriter<byte> writer, object value) => inner.WriteToJsonWithTypes(writer, value);
    public void WriteToParameter(NpgsqlParameter parameter, object? value) => inner.WriteToParameter(parameter, value);
    public void WriteToParameter(DbParameter parameter, object? value) => inner.WriteToParameter(parameter, value);
    public EnumStorage EnumStorage => inner.EnumStorage;
    public Casing Casing => inner.Casing;
    public ValueCasting ValueCasting => inner.ValueCasting;
}
