using System.Text.Json;
using Dossiers.Api.Boards;
using Dossiers.Api.Dvcqg;
using Dossiers.Api.Explanations;
using Dossiers.Api.Sla;
using Dossiers.Api.WebConsole.Dashboard;
using Dossiers.Api.Workflows;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Projections.Sla;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Dossiers.Api.WebConsole.Pages.Dashboard;

/// <summary>
/// The operations centre's dashboard: today's and this month's scorecard (GET /api/sla/scorecard), the daily trend
/// (GET /api/sla/trend), hand-offs between agencies (GET /api/handoffs/matrix), the open dossiers past their appointment
/// by procedure (GET /api/sla/overdue), the national portal's sync backlog (GET /api/dvcqg/sync) and the explanations
/// owed (GET /api/explanations) when the API answers them. Every figure is the API's as it answers; the page only lays them out. Pushed again
/// whenever the async daemon commits read-model changes (<see cref="FigureChanges"/>, server-sent events).
/// </summary>
public sealed class IndexModel(ConsoleApi api, TimeProvider clock, WorkflowLibrary library, FigureChanges changes) : PageModel
{
    public DateOnly Today { get; private set; }
    public ScorecardReport Day { get; private set; } = null!;   // set in Load
    public ScorecardReport Month { get; private set; } = null!;
    /// <summary>This month's scorecard of each level of government (the scorecard's own level filter).</summary>
    public IReadOnlyList<(string Level, ScorecardReport Report)> Levels { get; private set; } = [];
    public ScorecardTrendReport Trend { get; private set; } = null!;
    public HandOffMatrix HandOffs { get; private set; } = null!;
    public SlaBoard Overdue { get; private set; } = null!;
    public long SyncPending { get; private set; }
    public long SyncFailed { get; private set; }
    /// <summary>Explanation requests of the last year not answered yet (open or past their deadline), and those past it.</summary>
    public int? ExplanationsOwed { get; private set; }
    public int ExplanationsOverdue { get; private set; }
    public DateTimeOffset AsOf { get; private set; }
    public AgencyRegistry Agencies => library.Agencies;

    public async Task OnGet(CancellationToken ct) => await Load(ct);

    /// <summary>The figures alone, for the live update (htmx swaps them in place).</summary>
    public async Task<IActionResult> OnGetFigures(CancellationToken ct)
    {
        await Load(ct);
        return Partial("_Figures", this);
    }

    /// <summary>
    /// Server-sent events: one <c>figures</c> event after each read-model commit (at most one a second), a comment every
    /// 20 seconds to keep proxies from closing an idle stream. The browser's EventSource reconnects by itself.
    /// </summary>
    public async Task OnGetEvents(CancellationToken ct)
    {
        Response.ContentType = "text/event-stream";
        Response.Headers.CacheControl = "no-store";
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var sent = changes.Version;
        await Response.WriteAsync($"retry: 3000\nevent: hello\ndata: {sent}\n\n", ct);
        await Response.Body.FlushAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                // Armed before the count is read, so a commit in between is never missed (nor one during the pause below).
                var next = changes.Next(ct);
                if (changes.Version == sent
                    && await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(20), ct)) != next)
                {
                    await Response.WriteAsync(": keep-alive\n\n", ct);
                    await Response.Body.FlushAsync(ct);
                    continue;
                }
                sent = changes.Version;
                await Response.WriteAsync($"event: figures\ndata: {sent}\n\n", ct);
                await Response.Body.FlushAsync(ct);
                // A busy minute commits many batches: one push a second is live enough for a wall screen.
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
        catch (OperationCanceledException) { }   // the screen went away
    }

    private async Task Load(CancellationToken ct)
    {
        AsOf = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        Today = DateOnly.FromDateTime(AsOf.DateTime);
        var today = Today.ToString("yyyy-MM-dd");
        var monthStart = new DateOnly(Today.Year, Today.Month, 1).ToString("yyyy-MM-dd");
        var trendStart = Today.AddDays(-29).ToString("yyyy-MM-dd");
        var day = api.Get($"/api/sla/scorecard?from={today}&to={today}", ct);
        var month = api.Get($"/api/sla/scorecard?from={monthStart}&to={today}", ct);
        var trend = api.Get($"/api/sla/trend?from={trendStart}&to={today}", ct);
        var handOffs = api.Get($"/api/handoffs/matrix?from={monthStart}&to={today}", ct);
        var overdue = api.Get($"/api/sla/overdue?limit={Paging.PageRequest.MaxLimit}", ct);
        var pending = api.Get($"/api/dvcqg/sync?status={SyncStates.Pending}&pageSize=1", ct);
        var failed = api.Get($"/api/dvcqg/sync?status={SyncStates.Failed}&pageSize=1", ct);
        var levels = new[] { AgencyLevels.Province, AgencyLevels.Commune }
            .Select(level => (level, api.Get($"/api/sla/scorecard?from={monthStart}&to={today}&level={level}", ct))).ToList();
        // The explanations register answers the control office (not the wall screen): the tile shows only when it does.
        var explanations = api.Get($"/api/explanations?from={Today.AddDays(-365):yyyy-MM-dd}&to={today}&limit=1", ct);
        await Task.WhenAll([day, month, trend, handOffs, overdue, pending, failed, explanations, .. levels.Select(l => l.Item2)]);
        Day = Read<ScorecardReport>(day.Result);
        Month = Read<ScorecardReport>(month.Result);
        Trend = Read<ScorecardTrendReport>(trend.Result);
        HandOffs = Read<HandOffMatrix>(handOffs.Result);
        Overdue = Read<SlaBoard>(overdue.Result);
        SyncPending = Read<DvcqgSyncPage>(pending.Result).Total;
        SyncFailed = Read<DvcqgSyncPage>(failed.Result).Total;
        Levels = [.. levels.Select(l => (l.level, Read<ScorecardReport>(l.Item2.Result)))];
        if (explanations.Result.Ok && explanations.Result.Read<ExplanationRegister>().Total is { } owed)
            (ExplanationsOwed, ExplanationsOverdue) = (owed.Open + owed.OverdueUnanswered, owed.OverdueUnanswered);
    }

    private static T Read<T>(ApiAnswer answer) => answer.Ok ? answer.Read<T>()
        : throw new InvalidOperationException($"The API refused the dashboard a figure: {(int)answer.Status} {answer.Problem().Title}.");

    public string Name(string? code) => code is null ? "—" : Agencies.Find(code) is { } a ? a.ShortName ?? a.Name : code;

    public static string LevelName(string? level) => level switch
    {
        AgencyLevels.Province => "Tỉnh",
        AgencyLevels.Commune => "Xã",
        { } other => other,
        null => "—",
    };

    /// <summary>The procedures with the most open dossiers past their appointment (the overdue board, counted by procedure).</summary>
    public IEnumerable<(string Procedure, int Count)> TopLateProcedures =>
        Overdue.Items.GroupBy(i => i.ProcedureCode).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).Take(8);

    /// <summary>The trend as the chart takes it (dates, and one series per figure).</summary>
    public string TrendJson => JsonSerializer.Serialize(new
    {
        days = Trend.Days.Select(d => d.Date.ToString("dd/MM")),
        received = Trend.Days.Select(d => d.Received),
        resolved = Trend.Days.Select(d => d.Resolved),
        late = Trend.Days.Select(d => d.Late),
        onTimeRate = Trend.Days.Select(d => d.OnTimeRate),
    });

    /// <summary>
    /// The hand-offs as a Sankey: senders on the left, receivers on the right (a unit that both sends and receives
    /// appears on each side, so a hand-off back never makes a cycle, which a Sankey cannot draw).
    /// </summary>
    public string SankeyJson
    {
        get
        {
            var links = HandOffs.Items.Select(c => new { source = $"{Name(c.FromAgency)} →", target = $"→ {Name(c.ToAgency)}", value = c.Count }).ToList();
            var nodes = links.Select(l => l.source).Concat(links.Select(l => l.target)).Distinct().Select(n => new { name = n });
            return JsonSerializer.Serialize(new { nodes, links });
        }
    }
}
