using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;

namespace Dossiers.Bench.Store;

/// <summary>A dossier's events and the desk-register lines its acceptance wrote, as the pure decider produced them.</summary>
public sealed record SeededDossier(Guid Id, WorkflowDefinition Workflow, IReadOnlyList<object> Events, IReadOnlyList<DossierRegistered> RegisterLines,
    IReadOnlyList<string> OpenAgencies);

/// <summary>
/// Walks one dossier through the pure decider in memory, with the clock advancing from step to step, so seeded
/// streams are the events the product would have written (same shapes, same sizes, same mix as the load phase).
/// A share is left halfway (open steps) so the boards and inboxes have work on them.
/// </summary>
public sealed class DossierWalker(WorkingCalendar calendar, Procedures procedures)
{
    private const double LeftOpenShare = 0.20, SupplementShare = 0.15, ApologyShare = 0.05, WithdrawalShare = 0.03;

    public SeededDossier Walk(WorkflowDefinition workflow, DateTimeOffset submittedAt, Func<string, DateOnly, int> nextRegisterNumber, Random random)
    {
        var id = Guid.CreateVersion7(submittedAt);
        var intake = Procedures.IntakeAgency(workflow);
        var desk = new Actor($"desk-{random.Next(20)}", "desk", intake);
        var now = submittedAt;
        Dossier? state = null;
        var events = new List<object>();
        void Do(DossierCommand command, Actor actor, TimeSpan after)
        {
            now += after;
            var decided = DossierDecider.Decide(state, command, new DecisionContext(workflow, calendar, actor, now, procedures.Agencies));
            state = DossierDecider.Fold(state, decided);
            events.AddRange(decided);
        }

        var channel = random.Next(3) == 0 ? Channel.Online : Channel.Desk;
        var number = random.Next(1_000_000, 9_999_999);
        Do(new DossierCommand.Submit(id, workflow.Procedure.Code, channel,
            new Applicant(ApplicantNames.For(number), "05120" + number, "0905123456", null, null),
            [new DossierDocument("Tờ khai", DocumentKind.Original, true), new DossierDocument("Căn cước công dân", DocumentKind.Copy, true)],
            $$"""{"needsVerification":{{(random.Next(4) == 0 ? "true" : "false")}}}"""), desk, TimeSpan.Zero);
        var acceptAt = now.AddMinutes(5);
        Do(new DossierCommand.Accept(nextRegisterNumber(intake, DateOnly.FromDateTime(acceptAt.DateTime))), desk, TimeSpan.FromMinutes(5));

        bool leaveOpen = random.NextDouble() < LeftOpenShare, supplement = random.NextDouble() < SupplementShare,
            apology = random.NextDouble() < ApologyShare, withdraw = random.NextDouble() < WithdrawalShare;
        var stopAfter = random.Next(3);
        for (var steps = 0; state is { IsTerminal: false } && steps < 60; steps++)
        {
            var current = state!;
            if (current.Status == DossierStatus.Resolved) { Do(new DossierCommand.ReturnResult("Trả kết quả"), desk, Minutes(random)); continue; }
            if (current.Status == DossierStatus.AwaitingPayment) { Do(new DossierCommand.RecordPayment("Đã nộp"), desk, TimeSpan.FromDays(1)); continue; }
            var task = current.Tasks.Values.OrderBy(t => t.DueAt).ThenBy(t => t.TaskId, StringComparer.Ordinal).FirstOrDefault();
            if (task is null) break;
            if (leaveOpen && steps >= stopAfter) break;
            var officer = new Actor($"officer-{random.Next(20)}", "officer", task.Agency);
            if (withdraw && steps >= 1)
            {
                Do(new DossierCommand.Withdraw("Công dân xin rút hồ sơ"), desk, Minutes(random));
                Do(new DossierCommand.Stop("Dừng xử lý theo yêu cầu rút hồ sơ"), desk, Minutes(random));
                break;
            }
            if (supplement && steps >= 1)
            {
                supplement = false;
                Do(new DossierCommand.RequestSupplement(["Bản sao giấy khai sinh có chứng thực"], "Thiếu giấy tờ", false), officer, Minutes(random));
                Do(new DossierCommand.ReceiveSupplement("Đã nhận bổ sung"), desk, TimeSpan.FromDays(1));
                continue;
            }
            if (apology && current.DueAt is { } due)
            {
                apology = false;
                try { Do(new DossierCommand.Apologize("Cần thêm thời gian xác minh", procedures.NewAppointment(due)), officer, Minutes(random)); }
                catch (CommandRejected) { }   // too late for Mẫu 04: the rule working
                continue;
            }
            if (!task.Acknowledged) Do(new DossierCommand.AcknowledgeTask(task.TaskId), officer, Minutes(random));
            Do(new DossierCommand.CompleteTask(task.TaskId, procedures.OutcomeFor(workflow, task.ActivityId), "Đã xử lý"), officer, Minutes(random));
        }
        return new SeededDossier(id, workflow, events, [.. events.OfType<DossierAccepted>().Select(DeskRegister.LineFor)],
            [.. state!.IsTerminal ? [] : state.Tasks.Values.Select(t => t.Agency)]);
    }

    private static TimeSpan Minutes(Random random) => TimeSpan.FromMinutes(random.Next(20, 180));
}
