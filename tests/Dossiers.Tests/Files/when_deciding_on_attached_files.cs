using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using static Dossiers.Tests.Engine.Dossiers.DossierSpec;

namespace Dossiers.Tests.Files;

/// <summary>The decider's rules for files, with no database: who attaches, when, and what a retry does.</summary>
public class when_deciding_on_attached_files
{
    private static readonly string Hash = new('a', 64);

    private static DossierCommand.AttachFile File(FileKind kind = FileKind.Document, string? document = "Tờ khai", string sha256 = "") =>
        new(sha256.Length > 0 ? sha256 : Hash, 1234, "application/pdf", "to-khai.pdf", document, kind);

    [Fact]
    public void a_document_is_recorded_with_its_hash_and_who_attached_it_and_a_retry_adds_nothing()
    {
        var events = When(Submitted(), File(), Desk);

        events.ShouldBeEvents(new FileAttached(Id, Hash, 1234, "application/pdf", "to-khai.pdf", "Tờ khai", FileKind.Document, Desk, Now));
        var state = Given(Submitted(), events);
        state.Files.ShouldHaveSingleItem().Sha256.ShouldBe(Hash);
        When([.. Submitted(), .. events], File(), Desk).ShouldBeEmpty();
        When([.. Submitted(), .. events], File(document: null), Desk).Count.ShouldBe(1);   // the same bytes as another entry
    }

    [Fact]
    public void a_document_the_dossier_does_not_list_is_named()
    {
        var rejected = Rejected(Submitted(), File(document: "Giấy khác"), Desk);
        rejected.Kind.ShouldBe(RejectionKind.Invalid);
        rejected.Field.ShouldBe("document");
    }

    [Fact]
    public void a_result_waits_for_acceptance_and_a_closed_dossier_takes_nothing()
    {
        Rejected(Submitted(), File(FileKind.Result, null), Desk).Kind.ShouldBe(RejectionKind.Conflict);
        When(Accepted(), File(FileKind.Result, "Giấy xác nhận"), Police).ShouldHaveSingleItem().ShouldBeOfType<FileAttached>().Kind.ShouldBe(FileKind.Result);

        var refused = new List<object>(Submitted()).Then(new DossierCommand.Refuse("Thiếu giấy tờ"), Desk);
        Rejected(refused, File(), Desk).Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void only_desk_and_officers_of_units_working_on_the_dossier_attach()
    {
        Rejected(Submitted(), File(), Police).Kind.ShouldBe(RejectionKind.Forbidden);   // its step is not open yet
        When(Accepted(), File(), Police).Count.ShouldBe(1);
        Rejected(Accepted(), File(), new Actor("auditor.ha", "auditor", null)).Kind.ShouldBe(RejectionKind.Forbidden);
    }
}
