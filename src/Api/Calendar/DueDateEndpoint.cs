using System.Globalization;
using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Calendars;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Calendar;

public sealed record DueDateAnswer(DateTimeOffset DueAt, string CalendarVersion, DateTimeOffset Start, decimal Amount, TimeUnit Unit);

/// <summary>The deadline maths as a service, so integrators and auditors can check a due date by hand.</summary>
public static class DueDateEndpoint
{
    // Parameters arrive as text so that each bad one is named in the answer instead of silently defaulting.
    public static ProblemDetails Validate(string? start, string? amount, string? unit)
    {
        var check = new RequestCheck();
        if (string.IsNullOrWhiteSpace(start)) check.Fail("start", "is required (ISO 8601 with an offset, e.g. 2026-03-02T09:00:00+07:00).");
        else if (!Instants.TryParse(start, out _)) check.Fail("start", "must be an ISO 8601 date-time with an offset, e.g. 2026-03-02T09:00:00+07:00.");
        if (string.IsNullOrWhiteSpace(amount)) check.Fail("amount", "is required.");
        else if (!decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) check.Fail("amount", "must be a number.");
        else if (TimeUnitParser.TryParse(unit, out var parsed) && BudgetProblem(value, parsed) is { } problem) check.Fail("amount", problem);
        if (!TimeUnitParser.TryParse(unit, out _)) check.Fail("unit", $"must be one of {TimeUnitParser.ExpectedValues}.");
        return check.Result();
    }

    [WolverineGet("/api/calendar/due"), Authorize(Roles = Roles.Staff)]
    [ProducesResponseType<DueDateAnswer>(StatusCodes.Status200OK)]
    public static DueDateAnswer Get(string start, string amount, string unit, WorkingCalendar calendar)
    {
        Instants.TryParse(start, out var from);
        var budget = new Budget(decimal.Parse(amount, NumberStyles.Number, CultureInfo.InvariantCulture), TimeUnitParser.Parse(unit));
        var deadline = calendar.Due(from, budget);
        return new DueDateAnswer(deadline.DueAt, deadline.CalendarVersion, WorkingCalendar.ToVietnam(from), budget.Amount, budget.Unit);
    }

    private static string? BudgetProblem(decimal amount, TimeUnit unit)
    {
        try { _ = new Budget(amount, unit); return null; }
        catch (ArgumentException e) { return e.Message.Split(" (Parameter")[0]; }
    }
}
