namespace Dossiers.Engine.Dossiers;

public static partial class DossierDecider
{
    /// <summary>
    /// Statuses in which a result file may be attached: the desk has received the dossier (it is being processed, or
    /// its result is ready) and the applicant has not asked to withdraw it. Before acceptance there is nothing to
    /// decide a result on; after the hand-over (DVCQG 10) the dossier is closed.
    /// </summary>
    public static readonly DossierStatus[] ResultFileStatuses =
        [DossierStatus.Received, DossierStatus.InProcess, DossierStatus.AwaitingSupplement, DossierStatus.AwaitingPayment, DossierStatus.Resolved];

    /// <summary>
    /// A file for the dossier, from desk staff or officers of a unit working on it (the same units that read its
    /// personal data). The same bytes attached again as the same document and kind change nothing: a retried upload
    /// appends no second event.
    /// </summary>
    private static IReadOnlyList<object> AttachFile(Dossier state, DossierCommand.AttachFile c, DecisionContext context)
    {
        var actor = context.Actor;
        if (!(actor.IsDesk || actor.IsOfficer))
            throw Forbidden("Files are attached by desk staff and officers of the units working on the dossier.");
        if (!DossierAccess.MayRead(state, actor))
            throw Forbidden(DossierAccess.Refusal(state, actor));
        if (c.Kind == FileKind.Document && c.Document is { } name && !state.Documents.Any(d => d.Name == name))
            throw Invalid("document", $"'{name}' is not one of the dossier's documents ({string.Join("; ", state.Documents.Select(d => d.Name))}).");
        if (c.Kind == FileKind.Result)
            Require(state, ResultFileStatuses.Contains(state.Status),
                state.AcceptedAt is null
                    ? "A result file is attached once the desk has received the dossier; it has not been accepted yet."
                    : $"A result file cannot be attached while the dossier is {state.Status}.");
        if (state.Files.Any(f => f.Sha256 == c.Sha256 && f.Kind == c.Kind && f.Document == c.Document)) return [];
        return [new FileAttached(state.Id, c.Sha256, c.Size, c.MediaType, c.FileName, c.Document, c.Kind, actor, Now(context))];
    }
}
