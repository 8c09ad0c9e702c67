namespace Dossiers.Engine.Calendars;

/// <summary>
/// Vietnamese lunisolar calendar after Hồ Ngọc Đức's astronomical algorithm (new moons and solar terms) evaluated at
/// UTC+7. Vietnam's calendar follows the meridian of Hà Nội, not Beijing's UTC+8, so Tết sometimes falls a day or a
/// month away from the Chinese New Year (1968, 1985, 2007, 2030).
/// </summary>
public static class LunarCalendar
{
    public const int MinYear = 1900;
    public const int MaxYear = 2199;

    private const double TimeZone = 7.0;
    private const double SynodicMonth = 29.530588853;
    private const double NewMoonEpoch = 2415021.076998695;
    // Julian day number of 0001-01-01 (proleptic Gregorian), the origin of DateOnly.DayNumber.
    private const int DayNumberToJd = 1721426;

    public static DateOnly NewYear(int lunarYear) => ToSolar(new LunarDate(lunarYear, 1, 1));

    public static DateOnly ToSolar(LunarDate date)
    {
        CheckRange(date.Year);
        int a11, b11;
        if (date.Month < 11)
        {
            a11 = LunarMonth11(date.Year - 1);
            b11 = LunarMonth11(date.Year);
        }
        else
        {
            a11 = LunarMonth11(date.Year);
            b11 = LunarMonth11(date.Year + 1);
        }

        var k = Floor(0.5 + (a11 - NewMoonEpoch) / SynodicMonth);
        var off = date.Month - 11;
        if (off < 0) off += 12;
        if (b11 - a11 > 365)
        {
            var leapOff = LeapMonthOffset(a11);
            var leapMonth = leapOff - 2;
            if (leapMonth < 0) leapMonth += 12;
            if (date.IsLeapMonth && date.Month != leapMonth)
                throw new ArgumentException($"Lunar year {date.Year} has no leap month {date.Month}.", nameof(date));
            if (date.IsLeapMonth || off >= leapOff) off += 1;
        }
        else if (date.IsLeapMonth)
        {
            throw new ArgumentException($"Lunar year {date.Year} has no leap month.", nameof(date));
        }

        var monthStart = NewMoonDay(k + off);
        return FromJd(monthStart + date.Day - 1);
    }

    public static LunarDate FromSolar(DateOnly date)
    {
        CheckRange(date.Year);
        var dayNumber = ToJd(date);
        var k = Floor((dayNumber - NewMoonEpoch) / SynodicMonth);
        var monthStart = NewMoonDay(k + 1);
        if (monthStart > dayNumber) monthStart = NewMoonDay(k);

        var yy = date.Year;
        var a11 = LunarMonth11(yy);
        var b11 = a11;
        int lunarYear;
        if (a11 >= monthStart)
        {
            lunarYear = yy;
            a11 = LunarMonth11(yy - 1);
        }
        else
        {
            lunarYear = yy + 1;
            b11 = LunarMonth11(yy + 1);
        }

        var lunarDay = dayNumber - monthStart + 1;
        var diff = Floor((monthStart - a11) / 29.0);
        var leap = false;
        var lunarMonth = diff + 11;
        if (b11 - a11 > 365)
        {
            var leapDiff = LeapMonthOffset(a11);
            if (diff >= leapDiff)
            {
                lunarMonth = diff + 10;
                leap = diff == leapDiff;
            }
        }
        if (lunarMonth > 12) lunarMonth -= 12;
        if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
        return new LunarDate(lunarYear, lunarMonth, lunarDay, leap);
    }

    private static void CheckRange(int year)
    {
        if (year < MinYear || year > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Lunar dates are supported for {MinYear}–{MaxYear}.");
    }

    private static int Floor(double x) => (int)Math.Floor(x);

    private static int ToJd(DateOnly date) => date.DayNumber + DayNumberToJd;

    private static DateOnly FromJd(int jd) => DateOnly.FromDayNumber(jd - DayNumberToJd);

    private static int NewMoonDay(int k) => Floor(NewMoon(k) + 0.5 + TimeZone / 24);

    // Index (0–11) of the 30° segment of the sun's longitude at local midnight starting the given day.
    private static int SunLongitudeSegment(int dayNumber) =>
        Floor(SunLongitude(dayNumber - 0.5 - TimeZone / 24) / Math.PI * 6);

    // The day the 11th lunar month starts: the month that contains the winter solstice.
    private static int LunarMonth11(int year)
    {
        var off = ToJd(new DateOnly(year, 12, 31)) - 2415021;
        var k = Floor(off / SynodicMonth);
        var nm = NewMoonDay(k);
        return SunLongitudeSegment(nm) >= 9 ? NewMoonDay(k - 1) : nm;
    }

    // The leap month is the first month after month 11 that contains no major solar term.
    private static int LeapMonthOffset(int a11)
    {
        var k = Floor((a11 - NewMoonEpoch) / SynodicMonth + 0.5);
        var i = 1;
        var arc = SunLongitudeSegment(NewMoonDay(k + i));
        int last;
        do
        {
            last = arc;
            i++;
            arc = SunLongitudeSegment(NewMoonDay(k + i));
        } while (arc != last && i < 14);
        return i - 1;
    }

    private static double NewMoon(int k)
    {
        var t = k / 1236.85;
        var t2 = t * t;
        var t3 = t2 * t;
        const double dr = Math.PI / 180;
        var jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
        jd1 += 0.00033 * Math.Sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
        var m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
        var mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
        var f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
        var c1 = (0.1734 - 0.000393 * t) * Math.Sin(m * dr) + 0.0021 * Math.Sin(2 * dr * m);
        c1 = c1 - 0.4068 * Math.Sin(mpr * dr) + 0.0161 * Math.Sin(dr * 2 * mpr);
        c1 -= 0.0004 * Math.Sin(dr * 3 * mpr);
        c1 = c1 + 0.0104 * Math.Sin(dr * 2 * f) - 0.0051 * Math.Sin(dr * (m + mpr));
        c1 = c1 - 0.0074 * Math.Sin(dr * (m - mpr)) + 0.0004 * Math.Sin(dr * (2 * f + m));
        c1 = c1 - 0.0004 * Math.Sin(dr * (2 * f - m)) - 0.0006 * Math.Sin(dr * (2 * f + mpr));
        c1 = c1 + 0.0010 * Math.Sin(dr * (2 * f - mpr)) + 0.0005 * Math.Sin(dr * (2 * mpr + m));
        var deltaT = t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2;
        return jd1 + c1 - deltaT;
    }

    private static double SunLongitude(double jdn)
    {
        var t = (jdn - 2451545.0) / 36525;
        var t2 = t * t;
        const double dr = Math.PI / 180;
        var m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
        var l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * Math.Sin(dr * m);
        dl = dl + (0.019993 - 0.000101 * t) * Math.Sin(dr * 2 * m) + 0.000290 * Math.Sin(dr * 3 * m);
        var l = (l0 + dl) * dr;
        return l - Math.PI * 2 * Math.Floor(l / (Math.PI * 2));
    }
}
