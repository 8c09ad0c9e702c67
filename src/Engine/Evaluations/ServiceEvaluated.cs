namespace Dossiers.Engine.Evaluations;

/// <summary>
/// A citizen evaluated how the centre and the agencies handled one dossier (TT 01/2018/TT-VPCP Chapter III
/// indicators 3, 4 and 7; QĐ 766/QĐ-TTg group 5, satisfaction), through the code printed on the receipt. It is the
/// only event of its own stream (<see cref="EvaluationDecider.StreamIdFor"/>), linked to the dossier by
/// <paramref name="DossierId"/>: the dossier's stream, its version and its readers stay as they were.
/// </summary>
/// <remarks>
/// Everything the figures need was decided here and never again: each answer's score on the TT 01 scale
/// (<see cref="EvaluationScale"/>), and the agencies the evaluation is credited to — the centre that received the
/// dossier (<paramref name="ReceivingCentre"/>) and the units that completed one of its steps
/// (<paramref name="HandlingAgencies"/>), as the dossier stood when it was evaluated. Nothing names the citizen.
/// </remarks>
public record ServiceEvaluated(
    Guid EvaluationId,
    Guid DossierId,
    string ProcedureCode,
    string ReceivingCentre,
    IReadOnlyList<string> HandlingAgencies,
    int ContactsToComplete,
    int ContactsScore,
    int AgenciesContacted,
    int AgenciesScore,
    Attitude Attitude,
    int AttitudeScore,
    Satisfaction Satisfaction,
    int SatisfactionScore,
    string? Comment,
    DateTimeOffset ResultAt,
    DateTimeOffset EvaluatedAt);

/// <summary>The officials' attitude as the citizen saw it (TT 01 indicator 7), best first.</summary>
public enum Attitude
{
    /// <summary>Lịch sự, tận tình, chu đáo: scores 2.</summary>
    Courteous,
    /// <summary>Đúng mực nhưng chưa tận tình: scores 1.</summary>
    Adequate,
    /// <summary>Thiếu lịch sự, gây phiền hà, sách nhiễu: scores 0.</summary>
    Discourteous,
}

/// <summary>Overall satisfaction with the reception and handling of the dossier (QĐ 766 group 5), best first.</summary>
public enum Satisfaction
{
    /// <summary>Rất hài lòng: satisfied, scores 2.</summary>
    VerySatisfied,
    /// <summary>Hài lòng: satisfied, scores 1.</summary>
    Satisfied,
    /// <summary>Không hài lòng: not satisfied, scores 0.</summary>
    NotSatisfied,
}

/// <summary>What the citizen answered: the counts as given, the choices as picked, an optional comment.</summary>
public sealed record EvaluateService(int ContactsToComplete, int AgenciesContacted, Attitude Attitude, Satisfaction Satisfaction, string? Comment);
