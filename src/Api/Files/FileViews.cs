using Dossiers.Engine.Dossiers;

namespace Dossiers.Api.Files;

/// <summary>A file of a dossier as the API shows it: its hash (the key to download it), what it is, who attached it and when.</summary>
public sealed record AttachedFileView(string Sha256, long Size, string MediaType, string FileName, string? Document, FileKind Kind,
    string By, string Role, string? Agency, DateTimeOffset At)
{
    public static AttachedFileView Of(AttachedFile f) =>
        new(f.Sha256, f.Size, f.MediaType, f.FileName, f.Document, f.Kind, f.AttachedBy.User, f.AttachedBy.Role, f.AttachedBy.Agency, f.AttachedAt);
}

public sealed record DossierFiles(Guid DossierId, IReadOnlyList<AttachedFileView> Files);
