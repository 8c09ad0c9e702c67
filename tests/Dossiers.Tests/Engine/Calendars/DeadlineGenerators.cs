using Dossiers.Engine.Calendars;
using FsCheck;
using FsCheck.Fluent;

namespace Dossiers.Tests.Engine.Calendars;

public sealed record Start(DateTimeOffset Value);

/// <summary>A working-unit budget in quarter hours or half days, so sums are exact to the tick.</summary>
public sealed record WorkingBudget(Budget Value);

public sealed record AnyBudget(Budget Value);

/// <summary>Two budgets of the same unit.</summary>
public sealed record BudgetPair(Budget First, Budget Second);

/// <summary>Starts across the announced years 2025–2026 and the rule-based 2027, often at edges and on days off.</summary>
public static class DeadlineGenerators
{
    private static readonly TimeOnly[] Edges =
        [new(0, 0), new(6, 59), new(7, 0), new(11, 30), new(12, 0), new(13, 30), new(15, 0), new(15, 1), new(17, 0), new(23, 59)];

    private static readonly DateOnly[] DaysOff = new[] { 2025, 2026, 2027 }
        .Select(TestCalendars.Vietnam.Year)
        .SelectMany(y => y.Holidays.Concat(y.CompensatoryDaysOff))
        .Select(d => d.Date)
        .ToArray();

    private static readonly TimeSpan[] Offsets = [TimeSpan.FromHours(7), TimeSpan.Zero, TimeSpan.FromHours(-5), TimeSpan.FromHours(9)];

    public static Arbitrary<Start> Start()
    {
        var day = Gen.Frequency(
            (5, Gen.Choose(0, 3 * 365 - 1).Select(i => new DateOnly(2025, 1, 1).AddDays(i))),
            (2, Gen.Elements(DaysOff)));
        var time = Gen.Frequency(
            (3, Gen.Choose(0, 24 * 60 - 1).Select(m => TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(m)))),
            (2, Gen.Elements(Edges)));
        var start = from d in day
                    from t in time
                    from offset in Gen.Elements(Offsets)
                    select new Start(new DateTimeOffset(d.ToDateTime(t), WorkingCalendar.VietnamOffset).ToOffset(offset));
        return start.ToArbitrary();
    }

    public static Arbitrary<WorkingBudget> WorkingBudget() => Working.Select(b => new WorkingBudget(b)).ToArbitrary();

    public static Arbitrary<AnyBudget> AnyBudget() =>
        Gen.OneOf(Working, Gen.Constant(Budget.SameDay), Gen.Choose(0, 60).Select(Budget.CalendarDays))
            .Select(b => new AnyBudget(b)).ToArbitrary();

    public static Arbitrary<BudgetPair> BudgetPair() =>
        Gen.OneOf(
                Gen.Two(Gen.Choose(0, 240)).Select(p => new BudgetPair(Budget.WorkingHours(p.Item1 / 4m), Budget.WorkingHours(p.Item2 / 4m))),
                Gen.Two(Gen.Choose(0, 60)).Select(p => new BudgetPair(Budget.WorkingDays(p.Item1 / 2m), Budget.WorkingDays(p.Item2 / 2m))),
                Gen.Two(Gen.Choose(0, 60)).Select(p => new BudgetPair(Budget.CalendarDays(p.Item1), Budget.CalendarDays(p.Item2))))
            .ToArbitrary();

    private static Gen<Budget> Working => Gen.OneOf(
        Gen.Choose(0, 400).Select(q => Budget.WorkingHours(q / 4m)),
        Gen.Choose(0, 60).Select(h => Budget.WorkingDays(h / 2m)));
}
