using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Dossiers;
using Dossiers.Projections.Registers;
using Dossiers.Projections.Search;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Engine.Dossiers;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Projections;

/// <summary>
/// The daemon writes a read model only when a slice of events changed it (<see cref="ChangesOnly"/>). Played event by
/// event over a whole dossier, as the daemon would with one event per slice, the stored document must end equal to the
/// plain fold (no change is ever skipped), and the search entry must really be skipped for events that leave it alone.
/// </summary>
public class when_folding_only_changes
{
    private static List<object> History() => Accepted()
        .Then(new DossierCommand.AcknowledgeTask("check"), Police, at: At(2, 3, 10))
        .Then(new DossierCommand.CompleteTask("check", "Ok", null), Police, at: At(2, 3, 11))
        .Then(new DossierCommand.RequestSupplement(["CCCD"], "Thiếu", false), Insurance, at: At(3, 3, 9))
        .Then(new DossierCommand.ReceiveSupplement(null), Desk, at: At(4, 3, 9))
        .Then(new DossierCommand.CompleteTask("insurance", "Done", null), Insurance, at: At(4, 3, 10))
        .Then(new DossierCommand.CompleteTask("police", "Done", null), Police, at: At(5, 3, 10));

    private static (T? Stored, int Writes, int Skips) Daemon<T>(IReadOnlyList<object> history, Func<T?, object, T?> next) where T : class
    {
        T? stored = null;
        int writes = 0, skips = 0;
        foreach (var data in history)
        {
            var (after, action) = ChangesOnly.Fold(stored, [new Event<object>(data)], (doc, e) => next(doc, e.Data));
            switch (action)
            {
                case ActionType.Store: stored = after; writes++; break;
                case ActionType.Delete: stored = null; writes++; break;
                default: Json(after).ShouldBe(Json(stored)); skips++; break;
            }
        }
        return (stored, writes, skips);
    }

    // What the daemon would store: records with lists compare their lists by reference, so compare the documents' JSON.
    private static string Json<T>(T? document) => System.Text.Json.JsonSerializer.Serialize(document);

    private static T? Plain<T>(IReadOnlyList<object> history, Func<T?, object, T?> next) where T : class =>
        history.Aggregate((T?)null, next);

    [Fact]
    public void every_read_model_ends_as_the_plain_fold_and_the_search_entry_skips_what_leaves_it_alone()
    {
        var history = History();
        var search = Daemon<DossierSearchEntry>(history, DossierSearchEntry.Next);
        Json(search.Stored).ShouldBe(Json(Plain<DossierSearchEntry>(history, DossierSearchEntry.Next)));
        search.Skips.ShouldBeGreaterThan(0, "events that leave the search entry alone (a second completion, a task activated) are not written");

        var file = Daemon<DossierFile>(history, DossierFile.Next);
        Json(file.Stored).ShouldBe(Json(Plain<DossierFile>(history, DossierFile.Next)));

        var sla = Daemon<DossierSla>(history, DossierSla.Next);
        Json(sla.Stored).ShouldBe(Json(Plain<DossierSla>(history, DossierSla.Next)));
        (search.Writes + search.Skips).ShouldBe(history.Count);
    }

    [Fact]
    public void a_slice_that_changes_nothing_is_not_written_and_one_that_empties_the_document_deletes_it()
    {
        var entry = Plain<DossierSearchEntry>(Accepted(), DossierSearchEntry.Next)!;
        ChangesOnly.Fold(entry, [], (doc, e) => DossierSearchEntry.Next(doc, e.Data)).ShouldBe((entry, ActionType.Nothing));
        ChangesOnly.Fold<DossierSearchEntry>(entry, [new Event<object>("ignored")], (_, _) => null).Item2.ShouldBe(ActionType.Delete);
        ChangesOnly.Fold<DossierSearchEntry>(null, [new Event<object>("ignored")], (_, _) => null).Item2.ShouldBe(ActionType.Nothing);
        ChangesOnly.Fold(entry, [new Event<object>("ignored")], (doc, _) => doc! with { Status = DossierStatus.Returned })
            .Item2.ShouldBe(ActionType.Store);
    }
}
