using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Calendar;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

public class when_asking_for_a_due_date(AppFixture fixture) : IntegrationContext(fixture)
{
    [Theory]
    // 3 working days from the Friday before Tết Bính Ngọ: the holiday week does not count.
    [InlineData("2026-02-13T10:00:00+07:00", "3", "WorkingDays", "2026-02-25T10:00:00+07:00")]
    // Received after 15:00 on the eve of Tết: due at the close of the first working day after it.
    [InlineData("2026-02-13T16:00:00+07:00", "1", "SameDay", "2026-02-23T17:00:00+07:00")]
    // Running out exactly at the lunch closing is due at 11:30, not at 13:30.
    [InlineData("2026-03-02T07:00:00+07:00", "4.5", "WorkingHours", "2026-03-02T11:30:00+07:00")]
    // The same instant given in UTC answers in +07:00.
    [InlineData("2026-03-02T00:00:00Z", "0.5", "WorkingDays", "2026-03-02T11:00:00+07:00")]
    public async Task answers_the_due_instant_and_the_calendar_version(string start, string amount, string unit, string expected)
    {
        var answer = await Due($"start={Uri.EscapeDataString(start)}&amount={amount}&unit={unit}", 200);

        answer.ShouldNotBeNull();
        answer.DueAt.ShouldBe(DateTimeOffset.Parse(expected));
        answer.DueAt.Offset.ShouldBe(TimeSpan.FromHours(7));
        answer.CalendarVersion.ShouldStartWith("vn:2025.1+2026.1");
    }

    [Theory]
    [InlineData("amount=3&unit=WorkingDays", "start")]
    [InlineData("start=2026-02-13T10:00:00&amount=3&unit=WorkingDays", "start")]
    [InlineData("start=13/02/2026&amount=3&unit=WorkingDays", "start")]
    [InlineData("start=2026-02-13T10:00:00%2B07:00&unit=WorkingDays", "amount")]
    [InlineData("start=2026-02-13T10:00:00%2B07:00&amount=three&unit=WorkingDays", "amount")]
    [InlineData("start=2026-02-13T10:00:00%2B07:00&amount=-1&unit=WorkingDays", "amount")]
    [InlineData("start=2026-02-13T10:00:00%2B07:00&amount=1.5&unit=CalendarDays", "amount")]
    [InlineData("start=2026-02-13T10:00:00%2B07:00&amount=3&unit=Weeks", "unit")]
    [InlineData("start=2026-02-13T10:00:00%2B07:00&amount=3", "unit")]
    public async Task a_bad_parameter_answers_400_naming_it(string query, string parameter)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/calendar/due?" + query);
            s.WithBearerToken(Token(Roles.Integrator));
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });
        (await result.ReadAsTextAsync()).ShouldContain($"\"{parameter}\":");
    }

    [Fact]
    public async Task needs_a_token() =>
        await Host.Scenario(s =>
        {
            s.Get.Url("/api/calendar/due?start=2026-02-13T10:00:00%2B07:00&amount=3&unit=WorkingDays");
            s.StatusCodeShouldBe(401);
        });

    private async Task<DueDateAnswer?> Due(string query, int status)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/calendar/due?" + query);
            s.WithBearerToken(Token(Roles.Officer, agency: "000.00.21.H48"));
            s.StatusCodeShouldBe(status);
        });
        return await result.ReadAsJsonAsync<DueDateAnswer>();
    }
}
