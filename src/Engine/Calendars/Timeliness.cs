namespace Dossiers.Engine.Calendars;

public enum Timeliness
{
    /// <summary>Trước hạn: finished on an earlier working day than the due day.</summary>
    Early,

    /// <summary>Đúng hạn: finished on the due day, by the due instant.</summary>
    OnTime,

    /// <summary>Quá hạn: finished after the due instant.</summary>
    Late,
}
