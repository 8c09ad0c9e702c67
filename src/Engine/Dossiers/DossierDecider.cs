namespace Dossiers.Engine.Dossiers;

/// <summary>Commands are never stored, so they may nest; each one says what the caller wants.</summary>
public abstract record DossierCommand
{
    public sealed record Submit(
        string ProcedureCode,
        Channel Channel,
        Applicant Applicant,
        IReadOnlyList<DossierDocument> Documents) : DossierCommand;
}

/// <summary>The only place decisions are made: state, command, who and now in; events out. No I/O, no clock.</summary>
public static class DossierDecider
{
    public static DossierSubmitted Submit(Guid dossierId, DossierCommand.Submit command, Actor by, DateTimeOffset now) =>
        new(dossierId, command.ProcedureCode, command.Channel, command.Applicant, command.Documents, by, now);
}
