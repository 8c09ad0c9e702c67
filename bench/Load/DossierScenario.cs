using Dossiers.Engine.Workflows;

namespace Dossiers.Bench.Load;

/// <summary>
/// One simulated citizen's dossier walked by desk and agency officers over HTTP: submit, accept, each step opened,
/// acknowledged when handed over, completed towards the result, payments recorded, result returned. Extras in
/// realistic proportions: a supplement (15 %), an apology (5 %), a withdrawal then stop (3 %).
/// </summary>
public sealed class DossierScenario(ApiClient api, Tokens tokens, Procedures procedures, PhaseRecorder recorder, int worker)
{
    private const double SupplementShare = 0.15, ApologyShare = 0.05, WithdrawalShare = 0.03;
    private const int MaxSteps = 60;

    /// <summary>Runs one dossier to its end, or until the deadline passes (then it is left open, as an officer's pile is).</summary>
    public async Task Run(Random random, DateTime deadline, CancellationToken ct)
    {
        var workflow = procedures.Pick(random);
        var desk = tokens.For("desk", Procedures.IntakeAgency(workflow, worker), $"desk-{worker}");
        var submitted = await Post("/api/dossiers", desk, SubmitBody(workflow, random), "submit", ct);
        if (submitted is null) return;
        var id = submitted.Id;
        var view = await Post($"/api/dossiers/{id}/accept", desk, null, "accept", ct);

        bool supplement = random.NextDouble() < SupplementShare, apology = random.NextDouble() < ApologyShare,
            withdraw = random.NextDouble() < WithdrawalShare;
        var stepsDone = 0;
        for (var step = 0; view is not null && step < MaxSteps && DateTime.UtcNow < deadline; step++)
        {
            if (view.IsFinished) { recorder.DossierCompleted(); return; }
            if (view.Status == "resolved") { view = await Post($"/api/dossiers/{id}/return", desk, new { note = "Trả kết quả" }, "return", ct); continue; }
            if (view.Status == "awaitingPayment")
            {
                recorder.Payment();
                view = await Post($"/api/dossiers/{id}/payments", desk, new { note = "Đã nộp thuế, lệ phí" }, "payment", ct);
                continue;
            }
            if (view.Tasks.Count == 0) { recorder.Error($"dossier {id} ({workflow.Key}) is {view.Status} with no open task", "stuck"); return; }
            var task = view.Tasks[0];
            var officer = tokens.For("officer", task.Agency, $"officer-{worker}");

            if (withdraw && stepsDone >= 1)
            {
                view = await Post($"/api/dossiers/{id}/withdrawal", desk, new { reason = "Công dân xin rút hồ sơ" }, "withdrawal", ct);
                if (view is null) return;
                view = await Post($"/api/dossiers/{id}/stop", desk, new { reason = "Dừng xử lý theo yêu cầu rút hồ sơ" }, "stop", ct);
                if (view is not null) recorder.DossierWithdrawn();
                return;
            }
            if (supplement && stepsDone >= 1)
            {
                supplement = false;
                recorder.Supplement();
                view = await Post($"/api/dossiers/{id}/supplement-requests", officer,
                    new { items = new[] { "Bản sao giấy khai sinh có chứng thực" }, reason = "Thiếu giấy tờ theo quy định" }, "supplement request", ct);
                if (view is not null)
                    view = await Post($"/api/dossiers/{id}/supplements", desk, new { note = "Đã nhận bổ sung" }, "supplement received", ct);
                continue;
            }
            if (apology && view.DueAt is { } due)
            {
                apology = false;
                view = await Apologize(id, officer, due, ct) ?? view;
                continue;
            }

            // The officer opens the dossier before acting on it: a read, counted apart from commands.
            await api.Send(HttpMethod.Get, $"/api/dossiers/{id}", officer, null, recorder, ct);
            if (task.AwaitsAcknowledgement)
                view = await Post($"/api/dossiers/{id}/tasks/{task.TaskId}/acknowledge", officer, null, "acknowledge", ct);
            if (view is null) return;
            view = await Post($"/api/dossiers/{id}/tasks/{task.TaskId}/complete", officer,
                new { outcome = procedures.OutcomeFor(workflow, task.ActivityId), note = "Đã xử lý" }, "complete", ct);
            stepsDone++;
        }
        if (view is { IsFinished: true }) recorder.DossierCompleted();
    }

    // Mẫu 04 must come at least a working day before the appointment; a 409 then is the rule working, not an error.
    // The new appointment is office time three working days later (see Procedures.NewAppointment).
    private async Task<BenchView?> Apologize(Guid id, string officer, DateTimeOffset due, CancellationToken ct)
    {
        var answer = await api.Send(HttpMethod.Post, $"/api/dossiers/{id}/apologies", officer,
            new { reason = "Cần thêm thời gian xác minh", newDueAt = procedures.NewAppointment(due) }, recorder, ct);
        if (answer.Ok) { recorder.Apology(); return answer.View; }
        if ((int)answer.Status == 409) recorder.ApologyTooLate();
        else recorder.Error(answer.Describe("apology"), $"{(int)answer.Status} apology");
        return null;
    }

    private async Task<BenchView?> Post(string path, string token, object? body, string what, CancellationToken ct)
    {
        var answer = await api.Send(HttpMethod.Post, path, token, body, recorder, ct);
        if (answer.Ok) return answer.View;
        recorder.Error(answer.Describe($"{what} {path}"), $"{(int)answer.Status} {what}");
        return null;
    }

    public static object SubmitBody(WorkflowDefinition workflow, Random random) => new
    {
        procedureCode = workflow.Procedure.Code,
        channel = random.Next(3) == 0 ? "online" : "desk",
        applicant = new { name = "Nguyễn Văn An", idNumber = "05120" + random.Next(1_000_000, 9_999_999), phone = "0905123456" },
        documents = new[]
        {
            new { name = "Tờ khai", kind = "original", digitized = true },
            new { name = "Căn cước công dân", kind = "copy", digitized = true },
        },
        // Conditions read form fields (the marriage workflow asks whether verification is needed).
        data = new { needsVerification = random.Next(4) == 0 },
    };
}
