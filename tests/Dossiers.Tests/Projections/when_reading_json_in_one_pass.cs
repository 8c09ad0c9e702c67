using System.Text;
using Dossiers.Projections;
using Marten;

namespace Dossiers.Tests.Projections;

/// <summary>
/// <see cref="OnePassJsonReads"/> copies a column before parsing it: a document larger than the first buffer, arriving
/// a few bytes at a time from a stream that cannot tell its length (a sequential reader), must read the same as
/// Marten's own serializer reads it, the jsonb version byte included.
/// </summary>
public class when_reading_json_in_one_pass
{
    public sealed record Note(string Text, List<int> Numbers);

    private sealed class Trickle(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 7)], ct);
    }

    [Fact]
    public async Task a_long_document_in_small_pieces_reads_as_marten_reads_it()
    {
        var options = new StoreOptions();
        options.UseSystemTextJsonForSerialization(Weasel.Core.EnumStorage.AsString, Weasel.Core.Casing.CamelCase);
        var marten = options.Serializer();
        var note = new Note(string.Concat(Enumerable.Repeat("Cán bộ tiếp nhận ", 800)), [.. Enumerable.Range(0, 500)]);
        var jsonb = new byte[] { 1 }.Concat(Encoding.UTF8.GetBytes(marten.ToJson(note))).ToArray();   // 1: jsonb's version
        jsonb.Length.ShouldBeGreaterThan(8192);

        var read = await new OnePassJsonReads(marten).FromJsonAsync<Note>(new Trickle(jsonb));
        var untyped = await new OnePassJsonReads(marten).FromJsonAsync(typeof(Note), new Trickle(jsonb));

        read.Text.ShouldBe(note.Text);
        read.Numbers.ShouldBe(note.Numbers);
        untyped.ShouldBeOfType<Note>().Text.ShouldBe(note.Text);
    }
}
