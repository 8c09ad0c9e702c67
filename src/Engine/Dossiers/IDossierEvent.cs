namespace Dossiers.Engine.Dossiers;

/// <summary>An event of a dossier's own stream: the dossier's state folds exactly these (a register line does not).</summary>
public interface IDossierEvent
{
    Guid DossierId { get; }
}
