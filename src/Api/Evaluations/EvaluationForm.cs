using Dossiers.Api.Validation;
using Dossiers.Engine.Evaluations;

namespace Dossiers.Api.Evaluations;

/// <summary>
/// A citizen's evaluation as sent to <c>POST /api/lookup/evaluations/{token}</c>. Enums are camelCase
/// (<c>verySatisfied</c>, <c>courteous</c>); a value of the wrong type is named by the body-shape check before this one.
/// </summary>
/// <param name="ContactsToComplete">TT 01 indicator 3: times the citizen had to contact the desk to complete the dossier (online included), 0–50.</param>
/// <param name="AgenciesContacted">TT 01 indicator 4: agencies the citizen had to contact to complete it, 0–50.</param>
/// <param name="Attitude">TT 01 indicator 7: the officials' attitude.</param>
/// <param name="Satisfaction">QĐ 766 group 5: overall satisfaction.</param>
/// <param name="Comment">Optional, at most 1000 characters.</param>
public sealed record EvaluationBody(int? ContactsToComplete, int? AgenciesContacted, Attitude? Attitude, Satisfaction? Satisfaction, string? Comment)
{
    public RequestCheck Check()
    {
        var check = new RequestCheck();
        Count(check, "contactsToComplete", ContactsToComplete);
        Count(check, "agenciesContacted", AgenciesContacted);
        return check.Required("attitude", Attitude).Required("satisfaction", Satisfaction).Text("comment", Comment, EvaluationScale.MaxComment);
    }

    public EvaluateService ToCommand() => new(ContactsToComplete!.Value, AgenciesContacted!.Value, Attitude!.Value, Satisfaction!.Value, Comment);

    private static void Count(RequestCheck check, string field, int? value)
    {
        if (value is null) check.Fail(field, "is required.");
        else if (value is < 0 or > EvaluationScale.MaxCount) check.Fail(field, $"must be a whole number from 0 to {EvaluationScale.MaxCount}.");
    }
}

/// <summary>One answer a question offers: what to send, what the citizen reads, and its score on the TT 01 scale.</summary>
public sealed record EvaluationChoice(string Value, string Label, int Score);

/// <summary>
/// One question of the evaluation form: the body field it fills, the indicator it scores, the Vietnamese text, and
/// either a count (<see cref="Min"/>..<see cref="Max"/>), a choice, or free text (<see cref="MaxLength"/>).
/// </summary>
public sealed record EvaluationQuestion(string Field, string Indicator, string Text, string Kind, bool Required, int? Min = null, int? Max = null,
    IReadOnlyList<EvaluationChoice>? Choices = null, int? MaxLength = null);

/// <summary>
/// The public evaluation page's data: whether the code can evaluate now (<see cref="State"/>: <c>open</c>,
/// <c>evaluated</c>, <c>awaitingResult</c>, <c>noResult</c>), why not, and the questions. Nothing of the dossier or
/// the applicant, and never the answers given: the printed code may have passed through other hands.
/// </summary>
public sealed record EvaluationPage(string State, bool CanEvaluate, string Detail, DateTimeOffset? EvaluatedAt, IReadOnlyList<EvaluationQuestion> Questions)
{
    public const string Open = "open", Evaluated = "evaluated", AwaitingResult = "awaitingResult", NoResult = "noResult";

    /// <summary>The questions, in the order of the form; counts are scored by <see cref="EvaluationScale"/>.</summary>
    public static readonly IReadOnlyList<EvaluationQuestion> Form =
    [
        new("contactsToComplete", "TT01-3",
            "Ông/bà phải liên hệ với nơi tiếp nhận hồ sơ bao nhiêu lần để hoàn thiện hồ sơ (kể cả liên hệ qua mạng)?", "count", true,
            0, EvaluationScale.MaxCount),
        new("agenciesContacted", "TT01-4", "Ông/bà phải liên hệ với bao nhiêu cơ quan, tổ chức để hoàn thiện hồ sơ?", "count", true,
            0, EvaluationScale.MaxCount),
        new("attitude", "TT01-7", "Thái độ của cán bộ, công chức, viên chức khi hướng dẫn, tiếp nhận và giải quyết hồ sơ?", "choice", true,
            Choices:
            [
                Choice(Attitude.Courteous, "Lịch sự, tận tình, chu đáo"),
                Choice(Attitude.Adequate, "Đúng mực nhưng chưa tận tình"),
                Choice(Attitude.Discourteous, "Thiếu lịch sự, gây phiền hà, sách nhiễu"),
            ]),
        new("satisfaction", "QD766-5", "Ông/bà hài lòng thế nào về việc tiếp nhận và giải quyết hồ sơ?", "choice", true,
            Choices:
            [
                Choice(Satisfaction.VerySatisfied, "Rất hài lòng"),
                Choice(Satisfaction.Satisfied, "Hài lòng"),
                Choice(Satisfaction.NotSatisfied, "Không hài lòng"),
            ]),
        new("comment", "", "Ý kiến khác (không bắt buộc; xin đừng ghi họ tên, số giấy tờ hay số điện thoại).", "text", false,
            MaxLength: EvaluationScale.MaxComment),
    ];

    private static EvaluationChoice Choice(Attitude value, string label) => new(Wire(value), label, EvaluationScale.Score(value));

    private static EvaluationChoice Choice(Satisfaction value, string label) => new(Wire(value), label, EvaluationScale.Score(value));

    // As the API's JSON spells enums (camelCase), so a choice's value is what the body sends.
    private static string Wire<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
