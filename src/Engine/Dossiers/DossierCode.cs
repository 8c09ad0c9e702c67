namespace Dossiers.Engine.Dossiers;

/// <summary>Mã hồ sơ (TT 01/2018 Art. 19): receiving agency's identifier, date of receipt, number of the day.</summary>
public static class DossierCode
{
    public static string Of(string agency, DateTimeOffset receivedAt, int numberOfTheDay) =>
        numberOfTheDay is >= 1 and <= 9999
            ? $"{agency}-{receivedAt:yyMMdd}-{numberOfTheDay:D4}"
            : throw new ArgumentOutOfRangeException(nameof(numberOfTheDay), numberOfTheDay, "A desk numbers at most 9999 dossiers a day.");
}
