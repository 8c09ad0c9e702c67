using System.Text.Json;
using Dossiers.Bench.Load;

namespace Dossiers.Bench.Store;

public sealed record QueryResult(string Query, int Requests, int Errors, LatencySummary LatencyMs, int? ItemsInAnswer);

/// <summary>
/// Read latencies on the large store, one query at a time (a single auditor at the screen): a dossier's history, the
/// dossier replayed as of a time and as of a version, the two SLA boards, the busiest agency's inbox, and the search
/// by applicant name (common names, so each answer ranks a full page) and by dossier code.
/// </summary>
public sealed class QueryPhase(ApiClient api, Tokens tokens)
{
    public async Task<IReadOnlyList<QueryResult>> Run(IReadOnlyList<Guid> dossiers, string busyAgency, int samples)
    {
        var auditor = tokens.Auditor;
        // A mid-stream point for each sampled dossier, read from its history. Bulk-appended events share their
        // transaction's timestamp, so asOf replays the whole stream there; version= replays to the middle.
        var points = new List<(Guid Id, string AsOf, long Version)>();
        var codes = new List<string>();
        foreach (var id in dossiers.Take(20))
        {
            var history = await api.Send(HttpMethod.Get, $"/api/dossiers/{id}/history", auditor, null, null);
            if (!history.Ok) continue;
            var items = JsonDocument.Parse(history.Body).RootElement.GetProperty("items").EnumerateArray().ToList();
            var middle = items[items.Count / 2];
            points.Add((id, middle.GetProperty("at").GetString()!, middle.GetProperty("version").GetInt64()));
            var dossier = await api.Send(HttpMethod.Get, $"/api/dossiers/{id}", auditor, null, null);
            if (dossier.Ok && JsonDocument.Parse(dossier.Body).RootElement.GetProperty("code").GetString() is { } code) codes.Add(code);
        }
        if (points.Count == 0) throw new InvalidOperationException("No seeded dossier answered its history.");
        if (codes.Count == 0) throw new InvalidOperationException("No seeded dossier answered its code.");

        return
        [
            await Measure("GET /api/dossiers/{id}/history", samples, i => $"/api/dossiers/{points[i % points.Count].Id}/history", auditor, "items"),
            await Measure("GET /api/dossiers/{id}?asOf=", samples,
                i => $"/api/dossiers/{points[i % points.Count].Id}?asOf={Uri.EscapeDataString(points[i % points.Count].AsOf)}", auditor, null),
            await Measure("GET /api/dossiers/{id}?version=", samples,
                i => $"/api/dossiers/{points[i % points.Count].Id}?version={points[i % points.Count].Version}", auditor, null),
            await Measure("GET /api/sla/overdue", samples, _ => "/api/sla/overdue", auditor, "items"),
            await Measure("GET /api/sla/at-risk?withinHours=16", samples, _ => "/api/sla/at-risk?withinHours=16", auditor, "items"),
            await Measure($"GET /api/agencies/{{busiest}}/inbox", samples, _ => $"/api/agencies/{busyAgency}/inbox", auditor, "items"),
            await Measure("GET /api/dossiers?q={name}", samples,
                i => $"/api/dossiers?q={Uri.EscapeDataString(ApplicantNames.Searched[i % ApplicantNames.Searched.Length])}", auditor, "items"),
            await Measure("GET /api/dossiers?code=", samples, i => $"/api/dossiers?code={Uri.EscapeDataString(codes[i % codes.Count])}", auditor, "items"),
        ];
    }

    private async Task<QueryResult> Measure(string name, int samples, Func<int, string> path, string token, string? listProperty)
    {
        var recorder = new PhaseRecorder();
        var errors = 0;
        int? items = null;
        for (var i = 0; i < samples + 5; i++)
        {
            var warmUp = i < 5;
            var answer = await api.Send(HttpMethod.Get, path(i), token, null, warmUp ? null : recorder);
            if (!answer.Ok) { if (!warmUp) errors++; if (errors == 1) Console.WriteLine($"  {answer.Describe(name)}"); continue; }
            if (items is null && listProperty is not null)
                items = JsonDocument.Parse(answer.Body).RootElement.GetProperty(listProperty).GetArrayLength();
        }
        var summary = Stats.Summarize(recorder.ReadMillis);
        Console.WriteLine($"  {name}: p50 {summary.P50} ms, p99 {summary.P99} ms{(items is null ? "" : $", {items} items")}");
        return new QueryResult(name, samples, errors, summary, items);
    }
}
