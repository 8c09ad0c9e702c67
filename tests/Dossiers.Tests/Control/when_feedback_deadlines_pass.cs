using System.Net.Http.Json;
using System.Text.Json;
using Dossiers.Api.Auth;
using Dossiers.Api.Feedback;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Tests.Fixtures;
using Dossiers.Tests.Nodes;

namespace Dossiers.Tests.Control;

/// <summary>
/// The durable timers, as they run: the API as a process of its own whose feedback limits are a few seconds
/// (Feedback:*WorkingDays as fractions of a working day) and whose clock starts on a working Monday morning.
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_feedback_deadlines_pass(AppFixture fixture)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [Fact]
    public async Task each_missed_deadline_is_marked_by_its_timer()
    {
        await using var node = await ApiNode.Start("feedback-timers", new ApiNode.Settings("feedback_timers_test",
            ClockOffset: ShiftedClock.MondayMorning - DateTimeOffset.UtcNow,
            Environment: new Dictionary<string, string>
            {
                // One working day is 28,800 s: 0.0001 is 2.9 s, 0.0003 is 8.6 s.
                ["Feedback__RefusalWorkingDays"] = "0.0001",
                ["Feedback__SupplementRequestWorkingDays"] = "0.0002",
                ["Feedback__ResolutionWorkingDays"] = "0.0003",
                ["Feedback__PublicationWorkingDays"] = "0.0001",
            }));
        var controller = fixture.Token(Roles.Controller);

        var sent = await node.Send(HttpMethod.Post, "/api/public/feedback", body: JsonContent.Create(new { procedureCode = "1.004194", subject = "s", content = "c" }));
        sent.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var receipt = (await sent.Content.ReadFromJsonAsync<FeedbackReceipt>(Json))!;

        async Task<FeedbackView?> Missed(params FeedbackDeadline[] deadlines)
        {
            var view = (await (await node.Send(HttpMethod.Get, $"/api/feedback/{receipt.Id}", controller)).Content.ReadFromJsonAsync<FeedbackView>(Json))!;
            return deadlines.All(view.Missed.Contains) ? view : null;
        }

        var undecided = await Eventually.Get(() => Missed(FeedbackDeadline.Refusal, FeedbackDeadline.SupplementRequest, FeedbackDeadline.Resolution),
            TimeSpan.FromSeconds(60), "the three receipt deadlines marked missed");
        undecided.Status.ShouldBe(FeedbackStatus.Received);

        (await node.Send(HttpMethod.Post, $"/api/feedback/{receipt.Id}/assign", controller, JsonContent.Create(new { agency = "057.02.90.H48" }))).IsSuccessStatusCode.ShouldBeTrue();
        var answered = await node.Send(HttpMethod.Post, $"/api/feedback/{receipt.Id}/answer", fixture.Token(Roles.Officer, agency: "057.02.90.H48"),
            JsonContent.Create(new { answer = "Trả lời" }));
        var view = (await answered.Content.ReadFromJsonAsync<FeedbackView>(Json))!;
        view.LateActs.ShouldBe([FeedbackDeadline.Resolution]);

        var unpublished = await Eventually.Get(() => Missed(FeedbackDeadline.Publication), TimeSpan.FromSeconds(60), "the publication deadline marked missed");
        unpublished.Missed.Count(d => d == FeedbackDeadline.Publication).ShouldBe(1);
    }
}
