using Dossiers.Engine.Calendars;

namespace Dossiers.Tests.Engine.Calendars;

public class when_computing_lunar_dates
{
    // Years where Vietnam's Tết (UTC+7) differs from China's (UTC+8) are the ones that catch a wrong time zone.
    [Theory]
    [InlineData(1968, "1968-01-29")] // China: 1968-01-30
    [InlineData(1985, "1985-01-21")] // China: 1985-02-20
    [InlineData(2007, "2007-02-17")] // China: 2007-02-18
    [InlineData(2030, "2030-02-02")] // China: 2030-02-03
    public void places_tet_on_vietnams_date_where_it_differs_from_chinas(int year, string expected) =>
        LunarCalendar.NewYear(year).ShouldBe(DateOnly.Parse(expected));

    [Theory]
    [InlineData(2020, "2020-01-25")]
    [InlineData(2023, "2023-01-22")]
    [InlineData(2024, "2024-02-10")]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    public void places_tet_on_the_known_date_of_ordinary_years(int year, string expected) =>
        LunarCalendar.NewYear(year).ShouldBe(DateOnly.Parse(expected));

    [Theory]
    [InlineData(2020, "2020-04-02")] // leap 4th month, after the 3rd
    [InlineData(2023, "2023-04-29")] // leap 2nd month, before the 3rd
    [InlineData(2024, "2024-04-18")]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    public void places_the_hung_kings_day_on_the_tenth_of_the_third_month(int year, string expected) =>
        LunarCalendar.ToSolar(new LunarDate(year, 3, 10)).ShouldBe(DateOnly.Parse(expected));

    [Fact]
    public void reads_the_last_day_of_giap_thin_as_the_twenty_ninth_of_the_twelfth_month() =>
        LunarCalendar.FromSolar(new DateOnly(2025, 1, 28)).ShouldBe(new LunarDate(2024, 12, 29));

    [Fact]
    public void recognises_the_leap_second_month_of_2023() =>
        LunarCalendar.FromSolar(new DateOnly(2023, 3, 22)).ShouldBe(new LunarDate(2023, 2, 1, IsLeapMonth: true));

    [Fact]
    public void round_trips_every_day_of_a_decade()
    {
        for (var d = new DateOnly(2020, 1, 1); d < new DateOnly(2031, 1, 1); d = d.AddDays(1))
            LunarCalendar.ToSolar(LunarCalendar.FromSolar(d)).ShouldBe(d);
    }

    [Fact]
    public void refuses_years_outside_the_supported_range() =>
        Should.Throw<ArgumentOutOfRangeException>(() => LunarCalendar.NewYear(1850));
}
