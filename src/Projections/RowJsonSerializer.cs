using System.Data.Common;
using Marten;
using Marten.Services;

namespace Dossiers.Projections;

/// <summary>
/// Marten's System.Text.Json serializer, reading documents and events from the row already in memory. Marten's own
/// asynchronous read hands System.Text.Json a stream, which then parses in resumable steps (its slower path, for input
/// that may not have arrived yet); but Marten never opens a reader for sequential access, so by the time a column is
/// read its whole row has been received. The synchronous read parses the same bytes in one pass: deserialising was
/// about a tenth of the API's CPU under load, a third of it in that resumable path (bench/README.md).
/// </summary>
public sealed class RowJsonSerializer : SystemTextJsonSerializer, ISerializer
{
    public new ValueTask<T> FromJsonAsync<T>(DbDataReader reader, int index, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(FromJson<T>(reader, index));

    public new ValueTask<object> FromJsonAsync(Type type, DbDataReader reader, int index, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(FromJson(type, reader, index));
}
