using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Projections.Boards;

/// <summary>An open task in an agency's inbox; gone when the task is done or cancelled.</summary>
public sealed record InboxItem(
    string Id,
    Guid DossierId,
    string TaskId,
    string ActivityId,
    string Agency,
    string Title,
    Budget Budget,
    DateTimeOffset ActivatedAt,
    DateTimeOffset DueAt,
    HandOver? HandOver,
    bool Acknowledged,
    bool Overdue = false,
    bool Paused = false)
{
    public static string IdOf(Guid dossierId, string taskId) => $"{dossierId:N}/{taskId}";

    /// <summary>
    /// The inbox's order as one stored, indexed number, so it pages by keyset: hand-overs still to acknowledge first,
    /// then running tasks before paused ones, each by due time (milliseconds since 1970).
    /// </summary>
    public long Order => ((Acknowledged ? 2L : 0L) + (Paused ? 1L : 0L)) * 100_000_000_000_000L + DueAt.ToUnixTimeMilliseconds();
}

/// <summary>One hand-over between agencies (a Mẫu 05 row across dossiers), for the hand-off matrix.</summary>
public sealed record HandOffRow(
    string Id,
    Guid DossierId,
    string TaskId,
    string FromAgency,
    string ToAgency,
    DateTimeOffset GivenAt,
    DateTimeOffset? AcknowledgedAt)
{
    /// <summary>Milliseconds since 1970 of <see cref="GivenAt"/>: what the matrix's period selects on, stored and indexed.</summary>
    public long GivenOrder => GivenAt.ToUnixTimeMilliseconds();
}
