using Dossiers.Engine.Control.Explanations;
using Dossiers.Projections.Audit;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Explanations;

/// <summary>
/// Folds an explanation request's stream with the Engine's pure <see cref="Explanation.Evolve"/>: the document the
/// decider checks answers and timers against is the register's row. Inline, so a request is visible to the next one
/// (the duplicate check) and to a read right after it.
/// </summary>
public class ExplanationProjection : SingleStreamProjection<Explanation, Guid>
{
    // Only an explanation's own events: the projection must not load (and find no) document for a dossier's stream.
    public ExplanationProjection()
    {
        IncludeType<ExplanationRequested>();
        IncludeType<ExplanationAnswered>();
        IncludeType<ExplanationOverdue>();
    }

    public override Explanation? Evolve(Explanation? snapshot, Guid id, IEvent e) =>
        Explanation.Evolve(snapshot, e.Data) is { } next
            // An event being appended has no hash yet: the head stays the stream's last one until the save sets it.
            ? next with { Version = e.Version, ChainHead = e.GetHeader(EventHash.Header)?.ToString() ?? next.ChainHead }
            : null;
}

public static class ExplanationStorage
{
    /// <summary>The projection, and the indexes the register (agency, period) and a dossier's list (dossier id) read by.</summary>
    public static StoreOptions AddExplanations(this StoreOptions options)
    {
        options.Projections.Add(new ExplanationProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        options.Schema.For<Explanation>().Identity(x => x.Id)
            .Index(x => x.Agency).Index(x => x.RequestedAt).Index(x => x.DossierId);
        return options;
    }
}
