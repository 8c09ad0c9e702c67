using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Workflows;

/// <summary>
/// Catalogue facts of the procedure (customProperties.procedure). <paramref name="BoundaryFree"/>: any service centre
/// of the province may receive it (NĐ 118/2025, "không phụ thuộc địa giới hành chính"); when false, only a centre
/// serving the dossier's competent commune.
/// </summary>
public sealed record ProcedureInfo(
    string Code,
    string Name,
    string Level,
    Budget LegalTime,
    IReadOnlyList<Fee> Fees,
    IReadOnlyList<RequiredDocument> Documents,
    PauseRules Pauses,
    ProcedureRules Rules,
    string? LegalBasis,
    bool BoundaryFree = true);

public sealed record Fee(string Name, decimal Amount);

public sealed record RequiredDocument(string Name, string? Kind);

/// <summary>Which pauses of the legal clock the procedure allows.</summary>
public sealed record PauseRules(bool Supplement = true, bool Payment = true);

/// <summary>
/// Limits from NĐ 61/2018 practice (docs/domain.md §3). Their survival under NĐ 118/2025 is unconfirmed, so each
/// procedure may override them.
/// </summary>
/// <param name="ApologyMaxWorkingDaysAfter">How far past the current appointment an apology may set the new one: an
/// appointment years away is a typing mistake or a way around the deadline, not a reschedule.</param>
/// <param name="OnlineIntakeWorkingHours">The working hours a desk has to accept, refuse or send back for supplement an
/// online dossier (from the national portal), counted from its submission (docs/deadlines.md, "Online intake").</param>
public sealed record ProcedureRules(int MaxSupplementRequests = 1, decimal ApologyMinWorkingDaysBefore = 1, int MaxReschedules = 1,
    decimal ApologyMaxWorkingDaysAfter = 30, decimal OnlineIntakeWorkingHours = 8)
{
    public static ProcedureRules Default { get; } = new();
}
