using System.Buffers;
using System.Security.Cryptography;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using Marten;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace Dossiers.Api.Files;

/// <summary>
/// Receives one file for a dossier, streamed: the multipart body is read with <see cref="MultipartReader"/> one chunk
/// (<see cref="FileLimits.ChunkBytes"/>) at a time, hashed as it goes and written to the file store in the same
/// transaction that will append <see cref="FileAttached"/>, so a refused upload leaves nothing behind. In order:
/// the decider's early word on the dossier as it stands (403, 409 before a byte is stored), the type from the first
/// bytes (415), the size while streaming (413 as soon as the limit is passed), then, under the dossier's row lock,
/// the decider again on the real hash, and one commit for the bytes and the event.
/// </summary>
public sealed class FileUploads(IDocumentStore store, NpgsqlDataSource database, IFileStore files, FileLimits limits, CommandPipeline pipeline)
{
    private readonly SemaphoreSlim _slots = new(limits.MaxConcurrentUploads);

    public async Task<IResult> Receive(Guid id, HttpContext http, CancellationToken ct)
    {
        var (request, problem) = CommandRequest.Read(http);
        if (request is null) return problem!;
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return CommandResults.Invalid("body", "must be multipart/form-data, with the file in a part named 'file' (optional parts: 'document', 'kind').", 415);
        if (!await _slots.WaitAsync(0, ct))
            return Errors.ExceptionToProblem.Busy(http.Response, "Too many uploads at once", $"At most {limits.MaxConcurrentUploads} uploads run at once; try again in a moment.");
        // A refusal is answered at once and stores nothing; Kestrel then discards the rest of the body (up to
        // FileLimits.MaxDrainBytes), so a client still sending reads the answer instead of a reset connection.
        try
        {
            return await Receive(id, request, boundary, http, ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge();
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException && !ct.IsCancellationRequested)
        {
            // A body cut short or not multipart at all: the client's doing, so a 400, not a 500.
            return CommandResults.Invalid("body", "is not a well-formed multipart/form-data body.");
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<IResult> Receive(Guid id, CommandRequest request, string boundary, HttpContext http, CancellationToken ct)
    {
        Dossier? before;
        await using (var query = store.QuerySession()) before = await query.LoadAsync<Dossier>(id, ct);
        if (before is null) return CommandResults.NotFound(id);

        var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024, HeadersCountLimit = 16 };
        var fields = new Fields();
        Upload? upload = null;
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var disposition = section.GetContentDispositionHeader();
                var name = disposition is null ? null : HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                switch (name)
                {
                    case "document" or "kind":
                        if (await SmallText(section.Body, ct) is not { } text)
                            return CommandResults.Invalid(name!, $"must be at most {Fields.MaxText} characters.");
                        if (name == "document") fields.Document = text; else fields.KindText = text;
                        break;
                    case "file":
                        if (upload is not null) return CommandResults.Invalid("file", "send one file per request.");
                        if (disposition?.IsFileDisposition() != true)
                            return CommandResults.Invalid("file", "must be a file part (its Content-Disposition names a filename).");
                        if (fields.Check() is { } badField) return badField;
                        // The decider's early word on the dossier as it stands: a closed dossier or another unit's is
                        // refused before a byte is stored. It judges again, under the lock, once the hash is known.
                        if (await EarlyRefusal(before, request, fields, ct) is { } refused) return refused;
                        upload = new Upload(FileName(disposition!));
                        if (await StreamFile(section.Body, upload, ct) is { } streamRefusal) return streamRefusal;
                        break;
                    default:
                        return CommandResults.Invalid(name ?? "part",
                            "is not a part this route takes: send 'file', and optionally 'document' and 'kind'.");
                }
            }
            if (upload is null) return CommandResults.Invalid("file", "is required: send the file in a multipart part named 'file'.");
            if (fields.Check() is { } invalid) return invalid;
            return await Attach(id, request, fields, upload, ct);
        }
        finally
        {
            if (upload is not null) await upload.DisposeAsync();
        }
    }

    /// <summary>Hashes and stores the file chunk by chunk; a refusal (type, size) when it must stop, else null.</summary>
    private async Task<IResult?> StreamFile(Stream body, Upload upload, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FileLimits.ChunkBytes);
        try
        {
            var filled = await Fill(body, buffer, ct);
            if (filled == 0) return CommandResults.Invalid("file", "is empty.");
            var type = FileTypes.Detect(buffer.AsSpan(0, filled));
            if (!type.Accepted) return CommandResults.Invalid("file", type.Refusal!, 415);
            upload.MediaType = type.MediaType!;
            await upload.Begin(database, files, ct);
            while (filled > 0)
            {
                upload.Size += filled;
                if (upload.Size > limits.MaxBytes) return TooLarge();
                upload.Hash.AppendData(buffer, 0, filled);
                await upload.Writer!.Write(buffer.AsMemory(0, filled), ct);
                filled = await Fill(body, buffer, ct);
            }
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Under the dossier's row lock: the decider on the real hash, then the bytes and the event in one commit.</summary>
    private async Task<IResult> Attach(Guid id, CommandRequest request, Fields fields, Upload upload, CancellationToken ct)
    {
        var sha256 = Convert.ToHexStringLower(upload.Hash.GetHashAndReset());
        await upload.Writer!.Finish(sha256, upload.Size, upload.MediaType, ct);
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(upload.Transaction!));
        var scope = pipeline.Open(request, session, ct);
        var stream = await session.Events.FetchForExclusiveWriting<Dossier>(id, ct);
        if (stream.Aggregate is not { } state) return CommandResults.NotFound(id);
        if (request.ExpectedVersion is { } expected && expected != state.Version) return CommandResults.Stale(expected, state.Version);
        var command = new DossierCommand.AttachFile(sha256, upload.Size, upload.MediaType, upload.FileName, fields.Document, fields.Kind);
        var verdict = await scope.Judge(state, _ => Task.FromResult<DossierCommand>(command));
        if (verdict.Rejection is { } rejected)
            return CommandResults.Rejected(rejected, NextActions.For(state, scope.Actor, verdict.Workflow.Procedure));
        if (verdict.Events.Count == 0)
            // The same bytes were already attached as this document: nothing new, the entry as it stands.
            return Results.Ok(AttachedFileView.Of(state.Files.Last(f => f.Sha256 == sha256 && f.Kind == fields.Kind && f.Document == fields.Document)));
        stream.AppendMany(verdict.Events.ToArray());
        await session.SaveChangesAsync(ct);
        await upload.Transaction!.CommitAsync(ct);
        var attached = (FileAttached)verdict.Events.Single();
        return Results.Created($"/api/dossiers/{id}/files/{sha256}",
            AttachedFileView.Of(new AttachedFile(attached.Sha256, attached.Size, attached.MediaType, attached.FileName, attached.Document,
                attached.Kind, attached.AttachedBy, attached.AttachedAt)));
    }

    private async Task<IResult?> EarlyRefusal(Dossier state, CommandRequest request, Fields fields, CancellationToken ct)
    {
        await using var session = store.LightweightSession();   // judged only: nothing is saved on it
        var scope = pipeline.Open(request, session, ct);
        var probe = new DossierCommand.AttachFile("", 0, "", "", fields.Document, fields.Kind);
        var verdict = await scope.Judge(state, _ => Task.FromResult<DossierCommand>(probe));
        return verdict.Rejection is { } rejected
            ? CommandResults.Rejected(rejected, NextActions.For(state, scope.Actor, verdict.Workflow.Procedure))
            : null;
    }

    private IResult TooLarge() => CommandResults.Invalid("file",
        $"must be at most {limits.MaxBytes} bytes ({limits.MaxBytes / (1024.0 * 1024):0.#} MiB); nothing was stored.", 413);

    private static async Task<int> Fill(Stream body, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        int read;
        while (filled < FileLimits.ChunkBytes && (read = await body.ReadAsync(buffer.AsMemory(filled, FileLimits.ChunkBytes - filled), ct)) > 0)
            filled += read;
        return filled;
    }

    // A text part: at most Fields.MaxText characters of UTF-8; null when longer.
    private static async Task<string?> SmallText(Stream body, CancellationToken ct)
    {
        var buffer = new byte[Fields.MaxText * 4 + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(filled), ct)) > 0) filled += read;
        if (filled == buffer.Length) return null;
        var text = System.Text.Encoding.UTF8.GetString(buffer, 0, filled).Trim();
        return text.Length > Fields.MaxText ? null : text;
    }

    /// <summary>The uploader's file name without any folder, printable, at most 200 characters; "file" when it has none.</summary>
    private static string FileName(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value is { Length: > 0 } star ? star
            : HeaderUtilities.RemoveQuotes(disposition.FileName).Value ?? "";
        var name = new string([.. raw[(raw.LastIndexOfAny(['/', '\\']) + 1)..].Where(c => !char.IsControl(c))]).Trim();
        if (name.Length > 200) name = name[..200];
        return name.Length == 0 ? "file" : name;
    }

    /// <summary>The small parts: which document the file is, and whether it is a document or the result.</summary>
    private sealed class Fields
    {
        public const int MaxText = 200;
        public string? Document { get; set; }
        public string? KindText { get; set; }
        public FileKind Kind { get; private set; }

        public IResult? Check()
        {
            var check = new RequestCheck().Text("document", Document, MaxText);
            if (Document is { Length: 0 }) Document = null;
            switch (KindText)
            {
                case null or "" or "document": Kind = FileKind.Document; break;
                case "result": Kind = FileKind.Result; break;
                default: check.Fail("kind", "must be 'document' or 'result'."); break;
            }
            return check.IsValid ? null : Results.Problem(check.Result());
        }
    }

    /// <summary>One file on its way in: its connection and transaction, the store's writer, the running hash and size.</summary>
    private sealed class Upload(string fileName) : IAsyncDisposable
    {
        public string FileName { get; } = fileName;
        public string MediaType { get; set; } = "";
        public long Size { get; set; }
        public IncrementalHash Hash { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        public NpgsqlTransaction? Transaction { get; private set; }
        public IFileWriter? Writer { get; private set; }
        private NpgsqlConnection? _connection;

        public async Task Begin(NpgsqlDataSource database, IFileStore files, CancellationToken ct)
        {
            _connection = await database.OpenConnectionAsync(ct);
            Transaction = await _connection.BeginTransactionAsync(ct);
            Writer = files.StartWriting(Transaction);
        }

        // Not committed by then: rolled back, and with it every chunk written.
        public async ValueTask DisposeAsync()
        {
            Hash.Dispose();
            if (Transaction is not null) await Transaction.DisposeAsync();
            if (_connection is not null) await _connection.DisposeAsync();
        }
    }
}
