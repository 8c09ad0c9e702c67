namespace Dossiers.Engine.Dossiers;

/// <summary>What a stored file is to the dossier: one of its documents (a scan, a signed original), or the result.</summary>
public enum FileKind { Document, Result }

/// <summary>
/// A file was attached to the dossier. Its bytes live in the file store under <paramref name="Sha256"/>; the event
/// carries the hash, size and detected media type, so the hash chain covers every document and <c>verify</c> can
/// re-hash the stored bytes against it. <paramref name="Document"/> names which of the dossier's documents it is (a
/// result may carry a label of its own); <paramref name="FileName"/> is the uploader's, used only for downloads.
/// </summary>
public record FileAttached(
    Guid DossierId,
    string Sha256,
    long Size,
    string MediaType,
    string FileName,
    string? Document,
    FileKind Kind,
    Actor AttachedBy,
    DateTimeOffset AttachedAt) : IDossierEvent;

/// <summary>A file as the dossier keeps it: what <see cref="FileAttached"/> recorded.</summary>
public sealed record AttachedFile(string Sha256, long Size, string MediaType, string FileName, string? Document, FileKind Kind,
    Actor AttachedBy, DateTimeOffset AttachedAt);
