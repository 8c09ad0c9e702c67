using Dossiers.Engine.Calendars;

namespace Dossiers.Engine.Control.Explanations;

/// <summary>A cause an agency may give for a late dossier: a stable code, its label on the printed report, and whether it needs words of its own.</summary>
public sealed record LateCause(string Code, string Label, bool RequiresText = false);

/// <summary>
/// What the control office's explanation requests follow (configuration <c>Explanations</c>): how long an agency has
/// to answer when the request names no time, and the causes it may give.
/// </summary>
public sealed record ExplanationRules(Budget AnswerTime, IReadOnlyList<LateCause> Causes)
{
    public const string Other = "other";

    /// <summary>The longest answer time a request may set, in working days: a month of office time.</summary>
    public const decimal MaxAnswerWorkingDays = 22;

    public static readonly IReadOnlyList<LateCause> DefaultCauses =
    [
        new("missing-staff", "Thiếu nhân sự"),
        new("awaiting-another-agency", "Chờ ý kiến, kết quả của cơ quan khác"),
        new("applicant-fault", "Do lỗi của tổ chức, cá nhân nộp hồ sơ"),
        new("system-outage", "Sự cố hệ thống, phần mềm"),
        new(Other, "Nguyên nhân khác", RequiresText: true),
    ];

    /// <summary>Two working days to answer, and the five causes above.</summary>
    public static ExplanationRules Default { get; } = new(Budget.WorkingDays(2), DefaultCauses);

    public LateCause? Cause(string code) => Causes.FirstOrDefault(c => c.Code == code);
}
