using Dossiers.Engine.Evaluations;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Evaluations;

/// <summary>
/// One citizen evaluation of a dossier's handling, as <see cref="ServiceEvaluated"/> recorded it: the read model the
/// figures (<see cref="EvaluationFigures"/>) and the public page's "already evaluated" are read from. Its id is the
/// evaluation stream's (<see cref="EvaluationDecider.StreamIdFor"/>). Nothing in it names the citizen; the comment is
/// free text, shown only to the control and audit offices.
/// </summary>
public sealed record ServiceEvaluation(
    Guid Id,
    Guid DossierId,
    string ProcedureCode,
    string ReceivingCentre,
    IReadOnlyList<string> HandlingAgencies,
    int ContactsToComplete,
    int ContactsScore,
    int AgenciesContacted,
    int AgenciesScore,
    Attitude Attitude,
    int AttitudeScore,
    Satisfaction Satisfaction,
    int SatisfactionScore,
    string? Comment,
    DateTimeOffset ResultAt,
    DateTimeOffset EvaluatedAt)
{
    /// <summary>Every agency the evaluation counts for, once each: the receiving centre, then the units that did steps.</summary>
    public IReadOnlyList<string> CreditedAgencies => [ReceivingCentre, .. HandlingAgencies.Where(a => a != ReceivingCentre)];

    public static ServiceEvaluation Of(ServiceEvaluated e) => new(e.EvaluationId, e.DossierId, e.ProcedureCode, e.ReceivingCentre,
        e.HandlingAgencies, e.ContactsToComplete, e.ContactsScore, e.AgenciesContacted, e.AgenciesScore, e.Attitude, e.AttitudeScore,
        e.Satisfaction, e.SatisfactionScore, e.Comment, e.ResultAt, e.EvaluatedAt);
}

/// <summary>
/// Inline: the evaluation is readable in the transaction that recorded it, so the public page says "evaluated" at once
/// and the figures never lag. An evaluation stream holds one event; nothing else is folded.
/// </summary>
public class ServiceEvaluationProjection : SingleStreamProjection<ServiceEvaluation, Guid>
{
    public ServiceEvaluationProjection() => IncludeType<ServiceEvaluated>();

    public override ServiceEvaluation? Evolve(ServiceEvaluation? snapshot, Guid id, IEvent e) =>
        e.Data is ServiceEvaluated evaluated ? ServiceEvaluation.Of(evaluated) : snapshot;
}

public static class EvaluationsRegistration
{
    /// <summary>The citizen evaluations' read model, inline, indexed by when they were made and by dossier.</summary>
    public static StoreOptions AddCitizenEvaluations(this StoreOptions options)
    {
        options.Projections.Add(new ServiceEvaluationProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<ServiceEvaluation>().Identity(e => e.Id).Index(e => e.EvaluatedAt).Index(e => e.DossierId);
        return options;
    }
}
