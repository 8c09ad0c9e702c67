namespace Dossiers.Api.Files;

/// <summary>
/// How much one upload may be and how it is read: at most <see cref="MaxBytes"/> per file (Files:MaxBytes, 20 MiB by
/// default), read and written in chunks of <see cref="ChunkBytes"/>, and at most <see cref="MaxConcurrentUploads"/>
/// at once per process (Files:MaxConcurrentUploads, 4): each upload in progress holds one connection of the pool and
/// one transaction until its last byte, so a few slow uploads must not take the connections every command needs.
/// </summary>
public sealed class FileLimits(IConfiguration configuration)
{
    /// <summary>Chunk size in memory and in the table: one buffer per upload, far below the large-object heap's churn.</summary>
    public const int ChunkBytes = 256 * 1024;

    /// <summary>Room for the multipart framing and the small parts (document, kind) around the file.</summary>
    public const long EnvelopeBytes = 64 * 1024;

    public long MaxBytes { get; } = configuration.GetValue("Files:MaxBytes", 20L * 1024 * 1024);

    public int MaxConcurrentUploads { get; } = configuration.GetValue("Files:MaxConcurrentUploads", 4);

    /// <summary>The largest upload body announced by its Content-Length that is read at all: the file and its envelope.</summary>
    public long MaxRequestBytes => MaxBytes + EnvelopeBytes;

    /// <summary>
    /// What Kestrel may read of an upload's body in all (its MaxRequestBodySize): twice the file limit. Past the file
    /// limit the upload is refused at once and nothing more is stored, but Kestrel then reads and discards the rest of
    /// the body, up to here, so the client, still sending, gets the 413 instead of a reset connection.
    /// </summary>
    public long MaxDrainBytes => 2 * MaxBytes + EnvelopeBytes;

    /// <summary>Whether a request is a file upload (the body limit is then <see cref="MaxRequestBytes"/>).</summary>
    public static bool IsUpload(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/api/dossiers", out var rest)
        && rest.Value is { } tail && tail.EndsWith("/files", StringComparison.Ordinal) && tail.Count(c => c == '/') == 2;
}
