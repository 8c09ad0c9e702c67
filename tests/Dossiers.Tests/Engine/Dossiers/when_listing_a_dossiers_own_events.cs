using Dossiers.Engine.Dossiers;

namespace Dossiers.Tests.Engine.Dossiers;

/// <summary>
/// The projections of one dossier (its state, its file, its SLA) fold only <see cref="IDossierEvent"/> types, so they
/// load nothing for a register stream: an event of a dossier's stream that forgot the marker would be silently ignored.
/// </summary>
public class when_listing_a_dossiers_own_events
{
    [Fact]
    public void every_event_that_names_its_dossier_is_marked_except_the_register_line_which_lives_in_the_registers_stream()
    {
        var naming = typeof(Dossier).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsNested: false } && t.Namespace == typeof(Dossier).Namespace && t.GetProperty("DossierId")?.PropertyType == typeof(Guid));

        naming.Where(t => !t.IsAssignableTo(typeof(IDossierEvent))).ShouldBe([typeof(DossierRegistered)]);
    }
}
