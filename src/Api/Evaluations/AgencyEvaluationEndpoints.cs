using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Reports;
using Dossiers.Api.Sla;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Control.Explanations;
using Dossiers.Engine.Control.Feedback;
using Dossiers.Projections.Evaluation;
using Dossiers.Projections.Evaluations;
using Dossiers.Projections.Sla;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Evaluations;

/// <summary>One period of an agency evaluation: its label (2026-03, 2026-Q1, 2026 or first..last), its days, its cut-off, the agencies.</summary>
public sealed record AgencyEvaluationPeriod(string Label, DateOnly From, DateOnly To, DateTimeOffset CutOff, IReadOnlyList<AgencyEvaluationRow> Agencies);

public sealed record OfficerEvaluationPeriod(string Label, DateOnly From, DateOnly To, DateTimeOffset CutOff, IReadOnlyList<OfficerEvaluationRow> Officers);

/// <summary>An agency's evaluation with the name people read it by.</summary>
public sealed record AgencyEvaluationRow(string AgencyName, AgencyEvaluationResult Evaluation);

public sealed record OfficerEvaluationRow(string AgencyName, OfficerEvaluationResult Evaluation);

public sealed record AgencyEvaluationReport(DateOnly From, DateOnly To, string? Period, string? Agency, string? Level, DateTimeOffset GeneratedAt,
    EvaluationRules Rules, IReadOnlyList<AgencyEvaluationPeriod> Periods);

public sealed record OfficerEvaluationReport(DateOnly From, DateOnly To, string? Period, string? Agency, string? Level, string? User,
    DateTimeOffset GeneratedAt, EvaluationRules Rules, IReadOnlyList<OfficerEvaluationPeriod> Periods);

/// <summary>
/// The evaluation of agencies and officers per month, quarter or year (<see cref="AgencyEvaluation"/>; docs/control.md,
/// "Agency and officer evaluation"). The period parameters and filters are the dossier report's.
/// </summary>
public static class AgencyEvaluationEndpoints
{
    /// <summary>Who may read officers' figures: the officer, their unit's leaders (desk or officer with position leader), the control office, admins.</summary>
    private const string OfficerReaders = $"{Roles.Desk},{Roles.Officer},{Roles.Controller},{Roles.Admin}";

    /// <summary>
    /// Each agency's indicators, total and grade per period. Controllers, auditors and admins read any agency; desk and
    /// officers their own unit only (another unit: 403).
    /// </summary>
    [WolverineGet("/api/evaluations/agencies"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<AgencyEvaluationReport>(200), ProducesResponseType(400), ProducesResponseType(403)]
    public static async Task<IResult> Agencies(string? period, string? from, string? to, string? month, string? quarter, string? year, string? agency,
        string? level, HttpContext http, IQuerySession session, AgencyRegistries registries, EvaluationRules rules, TimeProvider clock, CancellationToken ct)
    {
        var actor = CurrentActor.From(http.User);
        if (!actor.ReadsEverything)
        {
            if (OwnUnitOnly(actor, agency) is { } refused) return refused;
            agency = actor.Agency;
        }
        if (!ScorecardQuery.TryParse(from, to, month, quarter, year, agency, null, level, registries, out var query, out var problem)) return problem!;
        if (!ReportEndpoints.TryParseUnit(period, out var unit, out problem)) return problem!;

        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var periods = new List<AgencyEvaluationPeriod>();
        foreach (var part in ReportEndpoints.Periods(query.Period, unit))
        {
            var inputs = await Load(query, part.Period, session, registries, now, withDossiers: false, ct);
            var results = AgencyEvaluation.Agencies(inputs, rules, a => query.Selects(a, registries), a => ScorecardQuery.LevelOf(registries, a));
            periods.Add(new AgencyEvaluationPeriod(part.Label, part.Period.First, part.Period.Last, inputs.Scorecard.CutOff,
                [.. results.Select(r => new AgencyEvaluationRow(ScorecardQuery.NameOf(registries, r.Agency), r))]));
        }
        return Results.Ok(new AgencyEvaluationReport(query.Period.First, query.Period.Last, unit?.ToString().ToLowerInvariant(), query.Filter.Agency,
            query.Filter.Level, now, rules, periods));
    }

    /// <summary>
    /// Each officer's indicators, total and grade per period. An officer (or desk member) reads their own figures; a
    /// leader of the unit (token <c>position: leader</c>) every officer of that unit; controllers and admins anyone's.
    /// Another officer's figures, or another unit's: 403.
    /// </summary>
    [WolverineGet("/api/evaluations/officers"), Authorize(Roles = OfficerReaders)]
    [ProducesResponseType<OfficerEvaluationReport>(200), ProducesResponseType(400), ProducesResponseType(403)]
    public static async Task<IResult> Officers(string? period, string? from, string? to, string? month, string? quarter, string? year, string? agency,
        string? level, string? user, HttpContext http, IQuerySession session, AgencyRegistries registries, EvaluationRules rules, TimeProvider clock,
        CancellationToken ct)
    {
        var actor = CurrentActor.From(http.User);
        user = string.IsNullOrWhiteSpace(user) ? null : user;
        if (!actor.ReadsEverything)
        {
            if (OwnUnitOnly(actor, agency) is { } refused) return refused;
            agency = actor.Agency;
            if (!CurrentActor.IsLeader(http.User))
            {
                if (user is not null && user != actor.User)
                    return Results.Problem(statusCode: 403, title: "Not your figures",
                        detail: "An officer reads their own evaluation; their unit's leaders and the control office read every officer's.");
                user = actor.User;
            }
        }
        if (user is { Length: > 200 }) return CommandResults.Invalid("user", "must be a user name of at most 200 characters.");
        if (!ScorecardQuery.TryParse(from, to, month, quarter, year, agency, null, level, registries, out var query, out var problem)) return problem!;
        if (!ReportEndpoints.TryParseUnit(period, out var unit, out problem)) return problem!;

        var now = WorkingCalendar.ToVietnam(clock.GetUtcNow());
        var periods = new List<OfficerEvaluationPeriod>();
        foreach (var part in ReportEndpoints.Periods(query.Period, unit))
        {
            var inputs = await Load(query, part.Period, session, registries, now, withDossiers: true, ct);
            var results = AgencyEvaluation.Officers(inputs, rules, a => query.Selects(a, registries), user);
            periods.Add(new OfficerEvaluationPeriod(part.Label, part.Period.First, part.Period.Last, inputs.Scorecard.CutOff,
                [.. results.Select(r => new OfficerEvaluationRow(ScorecardQuery.NameOf(registries, r.Agency), r))]));
        }
        return Results.Ok(new OfficerEvaluationReport(query.Period.First, query.Period.Last, unit?.ToString().ToLowerInvariant(), query.Filter.Agency,
            query.Filter.Level, user, now, rules, periods));
    }

    /// <summary>Desk and officers read their own unit only (the reports' rule): a token without a unit, or another unit named, is a 403.</summary>
    private static IResult? OwnUnitOnly(Engine.Actor actor, string? agency)
    {
        if (actor.Agency is null)
            return Results.Problem(statusCode: 403, title: "No unit", detail: "Your token names no unit; only the control and audit offices read every unit's evaluation.");
        if (!string.IsNullOrWhiteSpace(agency) && agency != actor.Agency)
            return Results.Problem(statusCode: 403, title: "Not your agency", detail: $"You act for {actor.Agency}; this is the evaluation of {agency}.");
        return null;
    }

    /// <summary>The read models one period is evaluated from: the scorecard (no procedure filter), the period's requests, feedback and evaluations.</summary>
    private static async Task<EvaluationInputs> Load(ScorecardQuery query, Period period, IQuerySession session, AgencyRegistries registries,
        DateTimeOffset now, bool withDossiers, CancellationToken ct)
    {
        var (start, end) = (period.Start, period.End);
        var scorecard = await query.Run(period, session, registries, now, ct);
        var explanations = await session.Query<Explanation>().Where(x => x.RequestedAt >= start && x.RequestedAt < end).ToListAsync(ct);
        var feedback = await session.Query<CitizenFeedback>().Where(f => f.ReceivedAt >= start && f.ReceivedAt < end).ToListAsync(ct);
        var evaluations = await session.Query<ServiceEvaluation>().Where(e => e.EvaluatedAt >= start && e.EvaluatedAt < end).ToListAsync(ct);
        IReadOnlyList<DossierSla>? dossiers = null;
        if (withDossiers && evaluations.Count > 0)
        {
            var ids = evaluations.Select(e => e.DossierId).Distinct().ToArray();
            dossiers = await session.Query<DossierSla>().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        }
        return new EvaluationInputs(scorecard, explanations, feedback, evaluations, dossiers);
    }
}
