using Dossiers.Engine.Control.Feedback;
using Dossiers.Projections.Audit;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Dossiers.Projections.Feedback;

/// <summary>
/// Folds a feedback stream with the Engine's pure <see cref="CitizenFeedback.Evolve"/>. Inline: the decider locks and
/// reads it (FetchForExclusiveWriting), and staff read it right after a change. It is also the read model the lists,
/// the public page and the figures query.
/// </summary>
public class CitizenFeedbackProjection : SingleStreamProjection<CitizenFeedback, Guid>
{
    private static readonly Type[] Events =
        [.. typeof(IFeedbackEvent).Assembly.GetTypes().Where(t => t.IsClass && t.IsAssignableTo(typeof(IFeedbackEvent)))];

    // Only a feedback's own events: no document is loaded for a dossier's or a register's stream.
    public CitizenFeedbackProjection()
    {
        foreach (var type in Events) IncludeType(type);
    }

    public override CitizenFeedback? Evolve(CitizenFeedback? snapshot, Guid id, IEvent e) =>
        CitizenFeedback.Evolve(snapshot, e.Data) is { } next
            // An event being appended has no hash yet: the head stays the stream's last one until the save sets it.
            ? next with { Version = e.Version, ChainHead = e.GetHeader(EventHash.Header)?.ToString() ?? next.ChainHead }
            : null;
}

public static class FeedbackRegistration
{
    /// <summary>The feedback documents, indexed for the lists (by receipt, status, agency) and the public page.</summary>
    public static StoreOptions AddCitizenFeedback(this StoreOptions options)
    {
        options.Projections.Add(new CitizenFeedbackProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);
        options.Schema.For<CitizenFeedback>().Identity(f => f.Id)
            .Index(f => f.ReceivedAt).Index(f => f.Status).Index(f => f.AssignedAgency!).Index(f => f.ReceivingCentre!).Index(f => f.PublishedAt!);
        return options;
    }
}
