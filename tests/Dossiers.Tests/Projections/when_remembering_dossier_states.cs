using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Dossiers;
using JasperFx.Events;
using JasperFx.Events.Fetching;
using Marten.Services;
using Weasel.Storage;

namespace Dossiers.Tests.Projections;

/// <summary>
/// What <see cref="RecentDossierStates"/> keeps after a commit and hands to a fetch, without a database: the state each
/// session saved at the version its stream landed on, one fetch per entry, the least recently saved dropped first.
/// (when_a_node_remembers_the_dossiers_it_saved runs it on the real store.)
/// </summary>
public class when_remembering_dossier_states
{
    private static Dossier State(Guid id, long version) =>
        new(id, "1.004194", "1.004194-tam-tru", 1, Channel.Desk, DossierStatus.Received, DateTimeOffset.UnixEpoch) { Version = version };

    private static Task Commit(RecentDossierStates states, params (Guid Id, long Landed, Dossier? Saved)[] streams) =>
        states.AfterCommitAsync(null!, new Saved(
            [.. streams.Where(s => s.Saved is not null).Select(s => (object)s.Saved!)],
            [.. streams.Select(s => new StreamAction(s.Id, StreamActionType.Append) { Version = s.Landed })]), default);

    private static AggregateCacheKey Key(Guid id) => new(typeof(Dossier), "Main", "*DEFAULT*", id);

    // One dossier whose state a commit saved at version 4.
    private static async Task<(RecentDossierStates States, Guid Id, Dossier Saved)> OneSaved()
    {
        var states = new RecentDossierStates(10);
        var id = Guid.NewGuid();
        var saved = State(id, 4);
        await Commit(states, (id, 4, saved));
        return (states, id, saved);
    }

    [Fact]
    public async Task a_fetch_takes_the_saved_state_at_its_version_once()
    {
        var (states, id, saved) = await OneSaved();

        states.TryTake(Key(id), out var taken, out var version).ShouldBeTrue();
        (taken, version).ShouldBe((saved, 4L));
        states.TryTake(Key(id), out _, out _).ShouldBeFalse("an entry serves one fetch");
        states.Hits.ShouldBe(1);
    }

    [Fact]
    public async Task a_read_finds_the_saved_state_only_at_its_version_and_leaves_it_for_the_next_command()
    {
        var (states, id, saved) = await OneSaved();

        states.SavedAt(id, 5).ShouldBeNull("the stream moved on (another node's command): the stored document is read");
        states.SavedAt(Guid.NewGuid(), 4).ShouldBeNull();
        states.SavedAt(id, 4).ShouldBeSameAs(saved);
        states.SavedAt(id, 4).ShouldBeSameAs(saved);
        states.Reads.ShouldBe(2);
        states.TryTake(Key(id), out var taken, out _).ShouldBeTrue("reads do not take the entry");
        taken.ShouldBeSameAs(saved);
        states.SavedAt(id, 4).ShouldBeNull("while a command holds it, a read loads the document");
    }

    [Fact]
    public void the_instance_marten_writes_back_is_not_kept()
    {
        var states = new RecentDossierStates(10);
        var id = Guid.NewGuid();
        states.Store(Key(id), State(id, 3), 4);   // the state fetched before the command, at the version after it
        states.TryTake(Key(id), out _, out _).ShouldBeFalse();
    }

    [Fact]
    public async Task a_stream_without_a_state_saved_at_its_landed_version_keeps_nothing()
    {
        var states = new RecentDossierStates(10);
        var (deleted, behind) = (Guid.NewGuid(), Guid.NewGuid());
        await Commit(states, (deleted, 2, State(deleted, 2)), (behind, 5, State(behind, 5)));

        await Commit(states, (deleted, 3, null), (behind, 7, State(behind, 6)));

        states.TryTake(Key(deleted), out _, out _).ShouldBeFalse("an appended stream whose state was not saved is forgotten");
        states.TryTake(Key(behind), out _, out _).ShouldBeFalse("a state at another version than the stream's is not kept");
    }

    [Fact]
    public async Task a_state_written_without_an_append_is_not_replaced_by_the_remembered_one()
    {
        var states = new RecentDossierStates(10);
        var id = Guid.NewGuid();
        await Commit(states, (id, 4, State(id, 4)));

        await states.AfterCommitAsync(null!, new Saved([State(id, 4) with { ChainHead = "repaired" }], []), default);

        states.TryTake(Key(id), out _, out _).ShouldBeFalse("the next command loads the document that was written");
    }

    [Fact]
    public async Task past_its_limit_the_least_recently_saved_goes_first()
    {
        var states = new RecentDossierStates(2);
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await Commit(states, (a, 1, State(a, 1)));
        await Commit(states, (b, 1, State(b, 1)));
        await Commit(states, (a, 2, State(a, 2)));   // a saved again: b is now the oldest
        await Commit(states, (c, 1, State(c, 1)));

        states.TryTake(Key(b), out _, out _).ShouldBeFalse();
        states.TryTake(Key(a), out _, out var version).ShouldBeTrue();
        version.ShouldBe(2);
        states.TryTake(Key(c), out _, out _).ShouldBeTrue();
    }

    private sealed class Saved(IEnumerable<object> updated, IReadOnlyList<StreamAction> streams) : IChangeSet
    {
        public IEnumerable<object> Updated => updated;
        public IEnumerable<object> Inserted => [];
        public IEnumerable<IDeletion> Deleted => [];
        public IEnumerable<IEvent> GetEvents() => [];
        public IEnumerable<StreamAction> GetStreams() => streams;
        public IChangeSet Clone() => this;
    }
}
