using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Engine.Evaluations;

/// <summary>
/// Decides a citizen's evaluation of a dossier's handling: the dossier as it stands, whether it was already
/// evaluated, the answers and now in; the one <see cref="ServiceEvaluated"/> event out, or a
/// <see cref="CommandRejected"/>. Like <see cref="DossierDecider"/> it reads no clock and no store.
/// </summary>
public static class EvaluationDecider
{
    /// <summary>Who the evaluation's event is recorded as: the anonymous holder of the receipt's code, never a person.</summary>
    public static readonly Actor Citizen = new("citizen", "public", null);

    /// <summary>The evaluation stream of a dossier: one per dossier, so a second evaluation finds it taken.</summary>
    public static Guid StreamIdFor(Guid dossierId) => StableId.For("evaluation", dossierId.ToString());

    /// <summary>Whether the dossier can be evaluated now; null when it can, else why not (a rejection to throw).</summary>
    public static CommandRejected? Refusal(Dossier dossier, DateTimeOffset? evaluatedAt)
    {
        if (evaluatedAt is { } at)
            return new CommandRejected(RejectionKind.Conflict,
                $"This dossier was already evaluated ({WorkingCalendar.ToVietnam(at):dd/MM/yyyy HH:mm}); each dossier is evaluated once.");
        if (dossier.ResolvedAt is not null) return null;
        return dossier.Status is DossierStatus.Refused or DossierStatus.Stopped
            ? new CommandRejected(RejectionKind.Conflict,
                $"The dossier ended without a result ({DvcqgStatus.Name(dossier.Status)}); only a dossier that reached its result is evaluated.")
            : new CommandRejected(RejectionKind.Conflict,
                $"The dossier has no result yet ({DvcqgStatus.Name(dossier.Status)}); it can be evaluated once its result is ready.");
    }

    /// <param name="evaluatedAt">When the dossier was evaluated, if it was.</param>
    public static ServiceEvaluated Decide(Dossier dossier, DateTimeOffset? evaluatedAt, EvaluateService command, DateTimeOffset now)
    {
        if (Refusal(dossier, evaluatedAt) is { } refused) throw refused;
        Count("contactsToComplete", command.ContactsToComplete);
        Count("agenciesContacted", command.AgenciesContacted);
        var comment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        if (comment is { Length: > EvaluationScale.MaxComment })
            throw new CommandRejected(RejectionKind.Invalid, $"must be at most {EvaluationScale.MaxComment} characters.", field: "comment");

        // Credited: the centre that received the dossier and every unit that completed one of its steps. A centre that
        // also did a step is credited once.
        var centre = dossier.ReceivingAgency!;
        return new ServiceEvaluated(StreamIdFor(dossier.Id), dossier.Id, dossier.ProcedureCode, centre,
            [.. dossier.HandledBy.Where(a => a != centre)],
            command.ContactsToComplete, EvaluationScale.ContactsScore(command.ContactsToComplete),
            command.AgenciesContacted, EvaluationScale.AgenciesScore(command.AgenciesContacted),
            command.Attitude, EvaluationScale.Score(command.Attitude),
            command.Satisfaction, EvaluationScale.Score(command.Satisfaction),
            comment, dossier.ResolvedAt!.Value, WorkingCalendar.ToVietnam(now));
    }

    private static void Count(string field, int value)
    {
        if (value is < 0 or > EvaluationScale.MaxCount)
            throw new CommandRejected(RejectionKind.Invalid, $"must be a whole number from 0 to {EvaluationScale.MaxCount}.", field: field);
    }
}
