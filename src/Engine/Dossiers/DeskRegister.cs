namespace Dossiers.Engine.Dossiers;

/// <summary>
/// One line of a receiving desk's register (Sổ theo dõi hồ sơ) for one day: the dossier's number of the day.
/// The register is its own stream per desk and day, appended in the same transaction as the acceptance, so
/// numbers have no gaps and no duplicates even when two officers accept at the same moment.
/// </summary>
public record DossierRegistered(Guid RegisterId, string Agency, DateOnly Day, int Number, Guid DossierId, string Code, DateTimeOffset RegisteredAt);

/// <summary>How many dossiers a desk has numbered on a day.</summary>
public sealed record DeskRegister(Guid Id, string Agency, DateOnly Day, int Count) : IChainedState
{
    /// <summary>One line per event: the register stream's version is its count.</summary>
    public long Version => Count;

    /// <inheritdoc />
    public string? ChainHead { get; init; }

    /// <summary>The register a desk numbers dossiers in on the (Vietnamese) day of <paramref name="at"/>.</summary>
    public static Guid IdFor(string agency, DateTimeOffset at) => StableId.For("register", $"{agency}|{DayOf(at):yyyy-MM-dd}");

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(Calendars.WorkingCalendar.ToVietnam(at).DateTime);

    public static DeskRegister? Evolve(DeskRegister? register, object @event) => @event switch
    {
        DossierRegistered e => new DeskRegister(e.RegisterId, e.Agency, e.Day, e.Number),
        _ => register,
    };

    /// <summary>The register line for an acceptance the decider just made.</summary>
    public static DossierRegistered LineFor(DossierAccepted accepted) =>
        new(IdFor(accepted.ReceivingAgency, accepted.AcceptedAt), accepted.ReceivingAgency,
            DayOf(accepted.AcceptedAt), accepted.RegisterNumber, accepted.DossierId, accepted.Code, accepted.AcceptedAt);
}
