using Microsoft.AspNetCore.Mvc;

namespace Dossiers.Api.Validation;

/// <summary>
/// Collects every problem with a request body, each under the JSON path of its field, and answers one
/// RFC 7807 validation problem (400). Text fields refuse control characters and lengths past their limit.
/// </summary>
public sealed class RequestCheck
{
    public const int DefaultMaxText = 500;
    private readonly Dictionary<string, string[]> _errors = new();

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    public RequestCheck Fail(string field, string message)
    {
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];
        return this;
    }

    public RequestCheck Required<T>(string field, T? value) where T : class =>
        value is null || value is string { Length: 0 } ? Fail(field, "is required.") : this;

    public RequestCheck Required<T>(string field, T? value) where T : struct =>
        value is null ? Fail(field, "is required.") : this;

    /// <summary>Optional text: when present, printable and within <paramref name="max"/> characters.</summary>
    public RequestCheck Text(string field, string? value, int max = DefaultMaxText)
    {
        if (value is null) return this;
        if (value.Length > max) return Fail(field, $"must be at most {max} characters.");
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            return Fail(field, "must not contain control characters.");
        return this;
    }

    public RequestCheck RequiredText(string field, string? value, int max = DefaultMaxText) =>
        string.IsNullOrWhiteSpace(value) ? Fail(field, "is required.") : Text(field, value, max);

    public RequestCheck Matches(string field, string? value, System.Text.RegularExpressions.Regex pattern, string expected) =>
        value is not null && !pattern.IsMatch(value) ? Fail(field, $"must be {expected}.") : this;

    /// <summary>The answer for the endpoint's Validate step: no problem, or a 400 naming every bad field.</summary>
    public ProblemDetails Result() => IsValid
        ? Wolverine.Http.WolverineContinue.NoProblems
        : new ValidationProblemDetails(_errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Detail = "Fix the fields listed under 'errors': " + string.Join(", ", _errors.Keys) + ".",
        };
}
