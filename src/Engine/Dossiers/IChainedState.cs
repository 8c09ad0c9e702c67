namespace Dossiers.Engine.Dossiers;

/// <summary>
/// The folded state of a stream that carries the audit hash of its last event, so the next append chains on it
/// without reading the stream. The store sets <see cref="ChainHead"/> while folding and when it saves new events.
/// </summary>
public interface IChainedState
{
    Guid Id { get; }
    /// <summary>The stream's version after the last folded event.</summary>
    long Version { get; }
    string? ChainHead { get; }
}
