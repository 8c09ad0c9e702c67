namespace Dossiers.Engine.Calendars;

/// <summary>How a procedure states its time limit (DVCQG <c>DonViTinh</c>).</summary>
public enum TimeUnit
{
    /// <summary>Ngày làm việc: amount × 8 working hours.</summary>
    WorkingDays,

    /// <summary>Giờ làm việc, counted through office time.</summary>
    WorkingHours,

    /// <summary>Trong ngày: close of the receipt day, or of the next working day when received after the cut-off.</summary>
    SameDay,

    /// <summary>Ngày: Civil Code Art. 147–148, ends at 24:00 of the last day.</summary>
    CalendarDays,
}
