using System.Diagnostics;
using System.Text.Json;

namespace Dossiers.Bench.Load;

/// <summary>
/// Async projection lag, seen as a user sees it: every ~500 ms the probe acknowledges or completes a step of its own
/// dossier, then polls that dossier's SLA document (async daemon) every 20 ms until the step shows the change.
/// Lag = first visible answer − command answered. Its commands are not counted in the phase's throughput.
/// Why 20 ms: the probe's reads share the two cores with the officers it measures (every 5 ms, one lag sample took
/// about 30 reads at 1 officer, by estimate); 20 ms still resolves the lag to 2 % of the 1 s target.
/// </summary>
public sealed class LagProbe(ApiClient api, Tokens tokens, Procedures procedures)
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(30), PollEvery = TimeSpan.FromMilliseconds(20);
    private readonly List<double> _lagMillis = [];

    public IReadOnlyList<double> LagMillis => _lagMillis;
    public int TimedOut { get; private set; }
    public int Commands { get; private set; }

    public async Task Run(DateTime deadline, CancellationToken ct)
    {
        var workflow = procedures.Latest.First(w => w.Procedure.Code == "1.004222");
        var desk = tokens.For("desk", Procedures.IntakeAgency(workflow), "desk-probe");
        BenchView? view = null;
        while (DateTime.UtcNow < deadline && !ct.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            if (view is null || view.Tasks.Count == 0)
            {
                var submitted = (await api.Send(HttpMethod.Post, "/api/dossiers", desk, DossierScenario.SubmitBody(workflow, Random.Shared), null, ct)).View;
                view = (await api.Send(HttpMethod.Post, $"/api/dossiers/{submitted.Id}/accept", desk, null, null, ct)).View;
                Commands += 2;
                continue;
            }
            var task = view.Tasks[0];
            var officer = tokens.For("officer", task.Agency, "officer-probe");
            var acknowledging = task.AwaitsAcknowledgement;
            var answer = acknowledging
                ? await api.Send(HttpMethod.Post, $"/api/dossiers/{view.Id}/tasks/{task.TaskId}/acknowledge", officer, null, null, ct)
                : await api.Send(HttpMethod.Post, $"/api/dossiers/{view.Id}/tasks/{task.TaskId}/complete", officer,
                    new { outcome = procedures.OutcomeFor(workflow, task.ActivityId) }, null, ct);
            Commands++;
            if (!answer.Ok) { view = null; continue; }
            var answered = Stopwatch.GetTimestamp();
            view = answer.View;
            if (await Visible(view.Id, task.TaskId, acknowledging ? "acknowledgedAt" : "completedAt", ct))
                _lagMillis.Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);
            else TimedOut++;
            if (view.IsFinished || view.Status == "resolved") view = null;
            var wait = TimeSpan.FromMilliseconds(500) - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
        }
    }

    private async Task<bool> Visible(Guid id, string taskId, string field, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < GiveUp)
        {
            var answer = await api.Send(HttpMethod.Get, $"/api/dossiers/{id}/sla", tokens.Auditor, null, null, ct);
            if (answer.Ok && StepHas(answer.Body, taskId, field)) return true;
            await Task.Delay(PollEvery, ct);
        }
        return false;
    }

    private static bool StepHas(string slaJson, string taskId, string field)
    {
        using var document = JsonDocument.Parse(slaJson);
        if (!document.RootElement.TryGetProperty("steps", out var steps)) return false;
        foreach (var step in steps.EnumerateArray())
            if (step.GetProperty("taskId").GetString() == taskId)
                return step.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;
        return false;
    }
}
