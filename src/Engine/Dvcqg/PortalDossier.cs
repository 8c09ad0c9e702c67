using System.Collections.Immutable;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Engine.Dvcqg;

/// <summary>A supplement request or an apology as the portal lists it (DanhSachHoSoBoSung).</summary>
/// <param name="Id">Stable within the dossier: "BS{n}" for the n-th supplement request, "XL{n}" for the n-th apology.</param>
/// <param name="Received">When the applicant brought what was asked (supplements only).</param>
/// <param name="PreviousDueAt">The appointment before: before the pause of a supplement, or the one an apology replaced.</param>
/// <param name="NewDueAt">The appointment after: once the clock resumed, or the one an apology set.</param>
public sealed record PortalSupplement(
    string Id,
    string RequestedBy,
    string Content,
    DateTimeOffset RequestedAt,
    DateTimeOffset? Received,
    DateTimeOffset? PreviousDueAt,
    DateTimeOffset? NewDueAt);

/// <summary>
/// What the national portal is told about one dossier, folded from its events: the decider's own <see cref="Dossier"/>
/// (status, code, appointment, files) plus what only the portal needs (the applicant, the procedure's name, the
/// supplement and apology list). Pure: nothing here reads a clock or a store.
/// </summary>
public sealed record PortalDossier(Dossier State, Applicant Applicant, string ProcedureName)
{
    public ImmutableList<PortalSupplement> Supplements { get; init; } = ImmutableList<PortalSupplement>.Empty;

    /// <summary>The portal has already been sent the dossier's record once: later ones are updates (isUpdating).</summary>
    public bool Announced { get; init; }

    /// <summary>The last DVCQG status the portal was (or is being) told, to send a record only when it changes.</summary>
    public int? LastStatus { get; init; }

    public int Status => DvcqgStatus.Of(State.Status);

    /// <summary>Online dossiers are on the portal from their submission; desk and postal ones from their acceptance.</summary>
    public bool OnThePortal => State.Channel == Channel.Online || State.AcceptedAt is not null;

    public static PortalDossier? Evolve(PortalDossier? portal, object @event)
    {
        if (portal is null)
            return @event is DossierSubmitted submitted && Dossier.Evolve(null, submitted) is { } first
                ? new PortalDossier(first, submitted.Applicant, submitted.ProcedureName)
                : null;
        var state = Dossier.Evolve(portal.State, @event)!;
        var next = portal with { State = state };
        return @event switch
        {
            SupplementRequested e => next with
            {
                Supplements = next.Supplements.Add(new PortalSupplement(
                    $"BS{next.Supplements.Count(s => s.Id.StartsWith("BS", StringComparison.Ordinal)) + 1}",
                    e.RequestedBy.User, Content(e), e.RequestedAt, null, portal.State.DueAt, null)),
            },
            SupplementReceived e when next.Supplements.FindLastIndex(s => s.Id.StartsWith("BS", StringComparison.Ordinal) && s.Received is null) is var open and >= 0 =>
                next with { Supplements = next.Supplements.SetItem(open, next.Supplements[open] with { Received = e.ReceivedAt }) },
            // The clock ran again after the applicant supplemented: the new appointment is the one the resume computed.
            ClockResumed { Reason: PauseReason.Supplement } e when next.Supplements.FindLastIndex(s => s.Id.StartsWith("BS", StringComparison.Ordinal)) is var last and >= 0 =>
                next with { Supplements = next.Supplements.SetItem(last, next.Supplements[last] with { NewDueAt = e.DueAt }) },
            ApologyIssued e => next with
            {
                Supplements = next.Supplements.Add(new PortalSupplement(
                    $"XL{next.Supplements.Count(s => s.Id.StartsWith("XL", StringComparison.Ordinal)) + 1}",
                    e.IssuedBy.User, $"Xin lỗi và hẹn lại ngày trả kết quả: {e.Reason}", e.IssuedAt, null, e.PreviousDueAt, e.NewDueAt)),
            },
            _ => next,
        };
    }

    private static string Content(SupplementRequested e) =>
        e.Items.Count == 0 ? e.Reason : $"{e.Reason}: {string.Join("; ", e.Items)}";
}
