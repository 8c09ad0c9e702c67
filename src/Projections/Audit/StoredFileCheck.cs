namespace Dossiers.Projections.Audit;

/// <summary>
/// What <see cref="ChainVerifier"/> asks of the file store: the SHA-256 of the bytes it holds under a hash today, so a
/// file whose stored bytes were changed is named like an edited event. Implemented by the API's file store.
/// </summary>
public interface IStoredFileCheck
{
    /// <summary>The lowercase hex SHA-256 of the bytes stored under <paramref name="sha256"/>, or null when none are.</summary>
    Task<string?> Rehash(string sha256, CancellationToken ct);
}
