namespace Dossiers.Api.Privacy;

/// <summary>
/// One attempt to read personal data (a dossier view, its history, a form, a register), granted or refused: the
/// access log Nghị định 13/2023/NĐ-CP expects. Committed before the answer leaves (reads made at the same moment share
/// one transaction, <see cref="AccessLogWriter"/>), so a read that was answered is always on record.
/// </summary>
/// <param name="Subject">What was read: a dossier id, or "register &lt;agency&gt; &lt;from&gt;..&lt;to&gt;".</param>
public sealed record PersonalDataRead(Guid Id, string Subject, Guid? DossierId, string User, string Role, string? Agency, string Route,
    bool Granted, DateTimeOffset At);
