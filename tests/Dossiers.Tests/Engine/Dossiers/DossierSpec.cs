using System.Text.Json;
using System.Text.Json.Serialization;
using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Engine.Workflows;

namespace Dossiers.Tests.Engine.Dossiers;

/// <summary>
/// Given/when/then over the pure decider: events in, a command, events (or a rejection) out. No database.
/// The workflow is <see cref="TestDefinitions.Valid"/>: intake → check → decision → (verify) → fork(police, insurance) → join → result.
/// </summary>
public static class DossierSpec
{
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(7));   // a Monday
    public static readonly Guid Id = new("0193f000-0000-7000-8000-000000000001");
    public static readonly Actor Desk = new("desk.lan", "desk", TestDefinitions.Desk);
    public static readonly Actor Police = new("officer.binh", "officer", TestDefinitions.Police);
    public static readonly Actor Insurance = new("officer.chi", "officer", TestDefinitions.Insurance);
    public static readonly WorkingCalendar Calendar = WorkingCalendar.Load(Path.Combine(RepositoryRoot.Path, "calendars"));

    public static WorkflowDefinition Workflow { get; } = Load(TestDefinitions.Valid().ToJsonString());

    public static WorkflowDefinition Load(string json)
    {
        var loaded = WorkflowValidator.LoadAndValidate(json, "spec.json", TestDefinitions.Agencies);
        loaded.Problems.ShouldBeEmpty();
        return loaded.Definition!;
    }

    public static DecisionContext Context(Actor actor, DateTimeOffset? at = null, WorkflowDefinition? workflow = null) =>
        new(workflow ?? Workflow, Calendar, actor, at ?? Now, TestDefinitions.Agencies);

    public static DossierCommand.Submit SubmitCommand(Channel channel = Channel.Desk, string? data = null) =>
        new(Id, "9.999999", channel, new Applicant("Nguyễn Văn An", null, null, null, null), [new DossierDocument("Tờ khai", DocumentKind.Original, true)], data);

    public static object[] Submitted(Channel channel = Channel.Desk, string? data = null, WorkflowDefinition? workflow = null) =>
        [.. DossierDecider.Decide(null, SubmitCommand(channel, data), Context(Desk, workflow: workflow))];

    public static Dossier Given(params IEnumerable<object>[] history) => DossierDecider.Fold(null, history.SelectMany(h => h))!;

    /// <summary>Runs a command on the state the history folds to; returns the new events.</summary>
    public static IReadOnlyList<object> When(IEnumerable<object> history, DossierCommand command, Actor actor, DateTimeOffset? at = null, WorkflowDefinition? workflow = null) =>
        DossierDecider.Decide(DossierDecider.Fold(null, history), command, Context(actor, at, workflow));

    /// <summary>History plus the events of one more command, for building longer givens.</summary>
    public static List<object> Then(this List<object> history, DossierCommand command, Actor actor, DateTimeOffset? at = null, WorkflowDefinition? workflow = null)
    {
        history.AddRange(When(history, command, actor, at, workflow));
        return history;
    }

    public static List<object> Accepted(string? data = null, WorkflowDefinition? workflow = null) =>
        new List<object>(Submitted(data: data, workflow: workflow)).Then(new DossierCommand.Accept(1), Desk, workflow: workflow);

    public static CommandRejected Rejected(IEnumerable<object> history, DossierCommand command, Actor actor, DateTimeOffset? at = null, WorkflowDefinition? workflow = null) =>
        Should.Throw<CommandRejected>(() => When(history, command, actor, at, workflow));

    /// <summary>An instant in 2026 at +07:00, e.g. <c>At(9, 3, 9, 15)</c> for Mon 09/03/2026 09:15.</summary>
    public static DateTimeOffset At(int day, int month, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    /// <summary>The data view conditions see: <c>{"needsVerification": true}</c> and the like.</summary>
    public static string NeedsVerification(bool needs) => $$"""{ "needsVerification": {{(needs ? "true" : "false")}} }""";

    public static T Single<T>(this IEnumerable<object> events) => events.OfType<T>().ShouldHaveSingleItem();

    public static T Single<T>(this IEnumerable<object> events, Func<T, bool> predicate) => events.OfType<T>().Where(predicate).ShouldHaveSingleItem();

    /// <summary>
    /// Exact events, in order. Compared as type name plus JSON, because records holding lists or dictionaries
    /// compare those by reference.
    /// </summary>
    public static void ShouldBeEvents(this IEnumerable<object> actual, params object[] expected) =>
        actual.Select(Describe).ToList().ShouldBe(expected.Select(Describe).ToList());

    private static readonly JsonSerializerOptions EventJson = new() { Converters = { new JsonStringEnumConverter() } };

    private static string Describe(object @event) => $"{@event.GetType().Name} {JsonSerializer.Serialize(@event, @event.GetType(), EventJson)}";
}
