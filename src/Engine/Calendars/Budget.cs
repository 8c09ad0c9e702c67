namespace Dossiers.Engine.Calendars;

/// <summary>A time limit as a procedure states it: an amount in a unit. Negative amounts are refused.</summary>
public sealed record Budget(decimal Amount, TimeUnit Unit)
{
    public static readonly TimeSpan WorkingDay = TimeSpan.FromHours(8);

    public decimal Amount { get; } = Validate(Amount, Unit);

    public TimeUnit Unit { get; } = Enum.IsDefined(Unit)
        ? Unit
        : throw new ArgumentOutOfRangeException(nameof(Unit), Unit, "Unknown time unit.");

    public static Budget WorkingDays(decimal amount) => new(amount, TimeUnit.WorkingDays);
    public static Budget WorkingHours(decimal amount) => new(amount, TimeUnit.WorkingHours);
    public static Budget CalendarDays(int amount) => new(amount, TimeUnit.CalendarDays);
    public static Budget SameDay { get; } = new(1, TimeUnit.SameDay);

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsWorkingTime => Unit is TimeUnit.WorkingDays or TimeUnit.WorkingHours;

    /// <summary>The office time a working-unit budget spends, rounded to the tick.</summary>
    // A method, not a property: records print and serialize their properties, and this throws for other units.
    public TimeSpan ToWorkingTime() => Unit switch
    {
        TimeUnit.WorkingDays => Ticks(Amount * WorkingDay.Ticks),
        TimeUnit.WorkingHours => Ticks(Amount * TimeSpan.TicksPerHour),
        _ => throw new InvalidOperationException($"{Unit} is not counted in working time."),
    };

    /// <summary>As Vietnamese forms write a time limit: "3 ngày làm việc", "4 giờ làm việc", "trong ngày", "15 ngày".</summary>
    public string ToVietnamese() => Unit switch
    {
        TimeUnit.WorkingDays => $"{Number} ngày làm việc",
        TimeUnit.WorkingHours => $"{Number} giờ làm việc",
        TimeUnit.SameDay => "trong ngày",
        _ => $"{Number} ngày",
    };

    // Vietnamese writes a decimal comma: "0,5 ngày làm việc".
    private string Number => Amount.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    private static TimeSpan Ticks(decimal ticks) => TimeSpan.FromTicks((long)decimal.Round(ticks));

    private static decimal Validate(decimal amount, TimeUnit unit)
    {
        if (amount < 0)
            throw new ArgumentOutOfRangeException(nameof(Amount), amount, "A time limit cannot be negative.");
        // Civil Code periods are whole days; a fraction has no defined end.
        if (unit == TimeUnit.CalendarDays && decimal.Truncate(amount) != amount)
            throw new ArgumentOutOfRangeException(nameof(Amount), amount, "Calendar days must be a whole number.");
        if (amount > 3650)
            throw new ArgumentOutOfRangeException(nameof(Amount), amount, "A time limit above 3650 units is not plausible.");
        return amount;
    }
}
