namespace Dossiers.Engine.Dossiers;

/// <summary>
/// Who may read a dossier's personal data (NĐ 13/2023/NĐ-CP): the audit and control offices always; desk staff and
/// officers only while their unit receives the dossier, hands out its result, or holds or held one of its steps.
/// </summary>
public static class DossierAccess
{
    public static bool MayRead(Dossier dossier, Actor actor) =>
        actor.ReadsEverything || (actor.Agency is { } unit && dossier.Participants.Contains(unit));

    public static string Refusal(Dossier dossier, Actor actor) => actor.Agency is { } unit
        ? $"Your unit ({unit}) has not received this dossier and holds none of its steps; its personal data is not yours to read."
        : "Your token names no unit; only the units working on a dossier read its personal data.";
}
