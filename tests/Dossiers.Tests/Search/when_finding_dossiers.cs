using Dossiers.Api.Auth;
using Dossiers.Api.Privacy;
using Dossiers.Api.Search;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Search;

/// <summary>GET /api/dossiers: by code (exact) or by text (name, identity number, code), filtered, ranked, paged, within jurisdiction.</summary>
public class when_finding_dossiers(AppFixture fixture) : SearchScenarios(fixture)
{
    [Fact]
    public async Task names_are_found_whatever_the_accents_and_the_case()
    {
        var an = await Received("Nguyễn Văn An", idNumber: "051090000001");
        var trang = await Received("Đinh Công Tráng", idNumber: "051090000002");
        await Received("Trần Thị Bích", idNumber: "051090000003");
        await CaughtUp();

        (await Search(Q("nguyen van an"))).Items.Select(i => i.Id).ShouldBe([an.Id]);
        (await Search(Q("NGUYỄN"))).Items.Select(i => i.Id).ShouldBe([an.Id]);
        (await Search(Q("Nguyen VAN an"))).Items.Single().Applicant.ShouldBe("Nguyễn Văn An");
        foreach (var dinh in new[] { "đinh", "Đinh", "dinh", "ĐINH CÔNG TRÁNG", "dinh cong trang" })
            (await Search(Q(dinh))).Items.Select(i => i.Id).ShouldBe([trang.Id], dinh);
        // The identity number the dossier records, whole or in part; a number one digit off is someone else's.
        (await Search(Q("051090000002"))).Items.Select(i => i.Id).ShouldBe([trang.Id]);
        (await Search(Q("0510900000"))).Items.Count.ShouldBe(3);
        (await Search(Q("051090000009"))).Items.ShouldBeEmpty();
        (await Search(Q("Lê Văn Tám"))).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_code_finds_exactly_its_dossier_the_moment_it_is_accepted()
    {
        await Received("Phạm Văn Minh");
        var second = await Received("Phạm Văn Minh");

        // No waiting for the daemon: ?code= reads the inline dossier.
        var found = await Search("code=" + second.Code);

        var hit = found.Items.ShouldHaveSingleItem();
        (hit.Id, hit.Code, hit.Applicant, hit.Status, found.Next).ShouldBe((second.Id, second.Code, "Phạm Văn Minh", 2, (string?)null));
        (await Search("code=" + second.Code![..^1] + "9")).Items.ShouldBeEmpty();
        (await Search("code=" + second.Code.ToLowerInvariant())).Items.ShouldBeEmpty();   // exact; q= folds case
    }

    [Fact]
    public async Task the_exact_code_comes_first_then_the_closer_name()
    {
        var anh = await Received("Nguyễn Văn Anh");
        var an = await Received("Nguyễn Văn An");
        var other = await Received("Lê Thị Hoa");
        await CaughtUp();

        (await Search(Q("nguyen van an"))).Items.Select(i => i.Id).ShouldBe([an.Id, anh.Id]);
        // Every code of the day shares the centre and date; the one asked for leads.
        (await Search(Q(other.Code!))).Items[0].Id.ShouldBe(other.Id);
        (await Search(Q(anh.Code!.ToLowerInvariant()))).Items[0].Id.ShouldBe(anh.Id);
    }

    [Fact]
    public async Task a_typo_still_finds_the_name_after_every_name_written_as_typed()
    {
        // The text as typed is searched first; word similarity (typos) only fills what is left of the page, below it.
        var toan = new[] { await Received("Trần Quốc Toản"), await Received("Trần Quốc Toản") };
        var tuan = await Received("Trần Quốc Tuấn");
        await CaughtUp();

        (await Search(Q("tran quoc tuon"))).Items.Select(i => i.Id).ShouldContain(tuan.Id);
        var seen = new List<Guid>();
        string? next = null;
        do
        {
            var page = await Search(Q("tran quoc toan") + "&limit=1" + (next is null ? "" : "&next=" + Uri.EscapeDataString(next)));
            seen.AddRange(page.Items.Select(i => i.Id));
            next = page.Next;
        } while (next is not null && seen.Count < 10);
        seen.Take(2).ShouldBe(toan.Select(d => d.Id), ignoreOrder: true);
        seen.Skip(2).ShouldBe([tuan.Id]);
    }

    [Fact]
    public async Task filters_narrow_by_status_procedure_centre_and_received_date()
    {
        var received = await Received("Võ Thị Sáu");
        var residence = await Received("Võ Thị Sáu", procedure: "1.004194");
        var camThanh = await Received("Võ Thị Sáu", centre: CamThanhCentre);
        var submitted = await Host.SubmittedDossier(Desk(KonTumCentre), Request("Võ Thị Sáu"));
        await CaughtUp();
        var sau = Q("vo thi sau");

        (await Search(sau)).Items.Count.ShouldBe(4);
        (await Search($"{sau}&status=1")).Items.Select(i => i.Id).ShouldBe([submitted.Id]);
        (await Search($"{sau}&status=submitted")).Items.Select(i => i.Id).ShouldBe([submitted.Id]);
        (await Search($"{sau}&status=2&procedure=1.004194")).Items.Select(i => i.Id).ShouldBe([residence.Id]);
        (await Search($"{sau}&centre={CamThanhCentre}")).Items.Select(i => i.Id).ShouldBe([camThanh.Id]);
        (await Search($"{sau}&from={Today}&to={Today}")).Items.Select(i => i.Id).ShouldBe([received.Id, residence.Id, camThanh.Id], ignoreOrder: true);
        (await Search($"{sau}&from=2026-02-01&to=2026-02-28")).Items.ShouldBeEmpty();
        // Filters alone list the newest received first.
        (await Search($"centre={KonTumCentre}&status=2")).Items.Select(i => i.Id).ShouldBe([residence.Id, received.Id]);
        (await Search("code=" + residence.Code + "&procedure=1.004222")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task bad_input_is_a_400_naming_the_parameter()
    {
        foreach (var (query, field) in new[]
        {
            ("q=a", "q"), ("q=%20--%20", "q"), ("q=" + new string('x', 201), "q"), ("status=42", "status"), ("status=lost", "status"),
            ("procedure=1.004222%27%20or%201=1", "procedure"), ("centre=999.99", "centre"), ("limit=0", "limit"), ("limit=101", "limit"),
            ("limit=ten", "limit"), ("next=not-a-cursor", "next"), ("code=abc%20def", "code"), ("q=an&code=057.01.90.H48-260302-0001", "code"),
            ("from=2026-13-01&to=2026-03-01", "from"), ("from=2026-03-01", "to"),
        })
        {
            var (status, fields) = await Refused("/api/dossiers?" + query);
            status.ShouldBe(400, query);
            fields.ShouldContain(field, query);
        }
    }

    [Fact]
    public async Task a_cursor_walks_every_page_once_without_duplicates_or_gaps()
    {
        var all = new List<Guid>();
        for (var i = 0; i < 7; i++) all.Add((await Received("Bùi Thị Xuân")).Id);
        await CaughtUp();

        foreach (var query in new[] { Q("bui thi xuan") + "&limit=3", $"centre={KonTumCentre}&limit=3" })
        {
            var seen = new List<Guid>();
            string? next = null;
            var pages = 0;
            do
            {
                var page = await Search(query + (next is null ? "" : "&next=" + Uri.EscapeDataString(next)));
                page.Items.Count.ShouldBeLessThanOrEqualTo(3);
                seen.AddRange(page.Items.Select(i => i.Id));
                next = page.Next;
                pages++;
            } while (next is not null && pages < 10);
            pages.ShouldBe(3, query);
            seen.ShouldBe(all, ignoreOrder: true);
            seen.Distinct().Count().ShouldBe(7);
        }
        // A cursor belongs to its query.
        var first = await Search(Q("bui thi xuan") + "&limit=3");
        (await Refused("/api/dossiers?" + Q("nguyen") + "&limit=3&next=" + Uri.EscapeDataString(first.Next!))).Fields.ShouldBe(["next"]);
    }

    [Fact]
    public async Task a_caller_finds_only_the_dossiers_they_may_read_and_the_search_is_on_record()
    {
        var camThanh = await Received("Hoàng Văn Nam", centre: CamThanhCentre);
        var konTum = await Received("Hoàng Văn Nam", centre: KonTumCentre);
        await CaughtUp();
        var nam = Q("hoang van nam");

        // The police of Kon Tum work on Kon Tum's dossier (its first step), never on Cẩm Thành's.
        (await Search(nam, Officer(KonTumPolice))).Items.Select(i => i.Id).ShouldBe([konTum.Id]);
        (await Search("code=" + camThanh.Code, Officer(KonTumPolice))).Items.ShouldBeEmpty();
        (await Search(nam, Desk(CamThanhCentre))).Items.Select(i => i.Id).ShouldBe([camThanh.Id]);
        (await Search(nam, Officer(CamThanhPolice))).Items.Select(i => i.Id).ShouldBe([camThanh.Id]);
        (await Search($"centre={CamThanhCentre}", Desk(KonTumCentre))).Items.ShouldBeEmpty();
        (await Search(nam, Token(Roles.Controller))).Items.Count.ShouldBe(2);
        (await Refused("/api/dossiers?" + nam, Token(Roles.Integrator))).Status.ShouldBe(403);

        var log = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/access-log?from={Today}&to={Today}&user={Uri.EscapeDataString($"officer@{KonTumPolice}")}");
            s.WithBearerToken(Auditor);
        });
        var reads = (await log.ReadAsJsonAsync<AccessLog>())!.Items.Where(r => r.Subject.StartsWith("search")).ToList();
        reads.Count.ShouldBe(2);
        reads.ShouldAllBe(r => r.Granted && r.Route == "GET /api/dossiers");
        reads.ShouldContain(r => r.Subject.Contains(konTum.Id.ToString()) && r.DossierId == konTum.Id);
        reads.ShouldAllBe(r => !r.Subject.Contains("hoang", StringComparison.OrdinalIgnoreCase));   // what was typed is not kept
    }

    [Fact]
    public async Task what_is_searched_for_never_reaches_the_logs()
    {
        var kieu = await Received("Tạ Thị Kiều", idNumber: "079301004455");
        await CaughtUp();

        (await Search(Q("Tạ Thị Kiều"))).Items.Select(i => i.Id).ShouldBe([kieu.Id]);
        (await Search(Q("ta thi kieu"), Desk(KonTumCentre))).Items.Select(i => i.Id).ShouldBe([kieu.Id]);
        (await Search(Q("079301004455"))).Items.Select(i => i.Id).ShouldBe([kieu.Id]);
        await Refused("/api/dossiers?" + Q("Tạ Thị Kiều") + "&status=99");

        var logs = string.Join("\n", Fixture.Logs.Lines);
        foreach (var personal in new[] { "Kiều", "kieu", "079301004455" }) logs.ShouldNotContain(personal, Case.Insensitive);
    }
}
