using System.Runtime.CompilerServices;
using Marten;

namespace Dossiers.Projections.Audit;

/// <summary>
/// Chain heads a command already holds, for <see cref="HashChainListener"/>: the dossier it loaded (under its row lock)
/// carries its stream's version and last hash, so saving it needs no read of the event table. Kept per session and
/// forgotten with it.
/// </summary>
public static class KnownChainHeads
{
    private static readonly ConditionalWeakTable<IDocumentSession, Dictionary<Guid, (long Version, string Hash)>> Known = new();

    public static void Remember(IDocumentSession session, Guid stream, long version, string hash) => Of(session)[stream] = (version, hash);

    internal static Dictionary<Guid, (long Version, string Hash)> Of(IDocumentSession session) => Known.GetOrCreateValue(session);
}
