using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Boards;
using Dossiers.Api.Privacy;
using Dossiers.Api.Registers;
using Dossiers.Api.Search;
using Dossiers.Api.Sla;
using Dossiers.Tests.Fixtures;
using Marten;
using Marten.Events;

namespace Dossiers.Tests.Sla;

/// <summary>
/// Issue 18: the boards and lists page by keyset (limit, next) and take the filters agency, procedure, level and
/// period, on the real host. Each test seeds more rows than its page holds and walks every page.
/// </summary>
public class when_paging_the_boards(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string KonTum = "057.01.90.H48", KonTumPolice = "057.02.90.H48";
    private const string CamThanh = "004.01.90.H48";
    private const string ProvinceCentre = "000.00.01.H48", KonTumCommune = "057.00.90.H48";
    private const string Residence = "1.004194", Other = "1.004222";
    private static readonly string Today = $"{ShiftedClock.MondayMorning:yyyy-MM-dd}";
    private static readonly string Yesterday = $"{ShiftedClock.MondayMorning.AddDays(-1):yyyy-MM-dd}";

    private string Desk(string centre) => Token(Roles.Desk, agency: centre, user: $"desk@{centre}");
    private string Auditor => Token(Roles.Auditor, user: "auditor.lan");

    private async Task<Guid> Received(string centre = KonTum, string procedure = Residence)
    {
        // The province's centre serves every commune: its dossiers name one (Kon Tum's), the commune centres' their own.
        var commune = centre == ProvinceCentre ? KonTumCommune : null;
        var submitted = await Host.SubmittedDossier(Desk(centre), Scenarios.SubmitRequest(procedure, commune: commune));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk(centre));
        return submitted.Id;
    }

    private async Task<List<Guid>> ReceivedMany(int count, string centre = KonTum, string procedure = Residence)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await Received(centre, procedure));
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        return ids;
    }

    private async Task<T> Get<T>(string url, string? token = null)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token ?? Auditor); s.StatusCodeShouldBe(200); });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    /// <summary>Every page of a list, following next until it is absent; stops at 50 pages so a loop cannot run away.</summary>
    private async Task<List<TPage>> Pages<TPage>(string url, Func<TPage, string?> next, string? token = null)
    {
        var pages = new List<TPage>();
        string? cursor = null;
        do
        {
            var page = await Get<TPage>(cursor is null ? url : $"{url}&next={Uri.EscapeDataString(cursor)}", token);
            pages.Add(page);
            cursor = next(page);
        } while (cursor is not null && pages.Count < 50);
        return pages;
    }

    private async Task<string> Refused(string url, string? token = null)
    {
        var result = await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token ?? Auditor); s.StatusCodeShouldBe(400); });
        result.Context.Response.ContentType.ShouldStartWith("application/problem+json");
        return await result.ReadAsTextAsync();
    }

    [Fact]
    public async Task the_at_risk_board_walks_every_page_once_in_due_order()
    {
        var seeded = await ReceivedMany(5);

        var pages = await Pages<SlaBoard>("/api/sla/at-risk?withinHours=100&limit=2", b => b.Next);
        var all = await Get<SlaBoard>("/api/sla/at-risk?withinHours=100&limit=500");

        pages.Select(p => p.Items.Count).ShouldBe([2, 2, 1]);
        var walked = pages.SelectMany(p => p.Items).ToList();
        walked.Select(i => i.Id).ShouldBeUnique();
        walked.Select(i => i.Id).ShouldBe(all.Items.Select(i => i.Id));
        walked.Select(i => i.Id).ShouldBe(seeded, ignoreOrder: true);
        walked.Select(i => i.DueAt).ShouldBeInOrder();
        all.Next.ShouldBeNull();
    }

    [Fact]
    public async Task the_overdue_board_pages_the_dossiers_past_their_appointment()
    {
        // Temporary residence with a legal time of 1.8 s (steps of 0.36 s): its dossiers fall overdue during the test.
        var json = ShippedDefinition("1.004194-tam-tru", 240);
        json["customProperties"]!["procedure"]!["legalTime"] = new JsonObject { ["amount"] = 0.0005m, ["unit"] = "WorkingHours" };
        foreach (var activity in json["root"]!["activities"]!.AsArray())
            if (activity!["type"]!.GetValue<string>() is "Dossier.Task" or "Dossier.Intake")
                activity.AsObject()["budget"] = new JsonObject { ["amount"] = 0.0001m, ["unit"] = "WorkingHours" };
        await Publish(json);
        var seeded = await ReceivedMany(3);

        var all = await Eventually.Get(async () =>
        {
            var board = await Get<SlaBoard>("/api/sla/overdue?limit=500");
            return board.Items.Count == seeded.Count ? board : null;
        }, TimeSpan.FromSeconds(30), "three overdue dossiers");
        var pages = await Pages<SlaBoard>("/api/sla/overdue?limit=2", b => b.Next);

        pages.Count.ShouldBe(2);
        pages.SelectMany(p => p.Items).Select(i => i.Id).ShouldBe(all.Items.Select(i => i.Id));
        all.Items.Select(i => i.Id).ShouldBe(seeded, ignoreOrder: true);
        (await Get<SlaBoard>($"/api/sla/overdue?procedure={Other}")).Items.ShouldBeEmpty();
        (await Get<SlaBoard>($"/api/sla/overdue?agency={KonTumPolice}&from={Today}&to={Today}")).Items.Count.ShouldBe(3);
    }

    [Fact]
    public async Task each_filter_narrows_the_board_and_its_pages()
    {
        var residence = await ReceivedMany(3);
        var other = await ReceivedMany(1, procedure: Other);
        var camThanh = await ReceivedMany(1, CamThanh);
        var province = await ReceivedMany(1, ProvinceCentre, Other);
        const string board = "/api/sla/at-risk?withinHours=400";

        async Task<List<Guid>> Walk(string filters) =>
            [.. (await Pages<SlaBoard>($"{board}&limit=2&{filters}", b => b.Next)).SelectMany(p => p.Items).Select(i => i.Id)];

        (await Walk($"procedure={Residence}")).ShouldBe([.. residence, .. camThanh], ignoreOrder: true);
        (await Walk($"procedure={Other}")).ShouldBe([.. other, .. province], ignoreOrder: true);
        (await Walk($"agency={CamThanh}")).ShouldBe(camThanh);
        (await Walk($"agency={KonTumPolice}")).ShouldBe([.. residence, .. other, .. province], ignoreOrder: true);   // their open steps
        (await Walk("level=province")).ShouldBe(province);
        (await Walk("level=commune")).ShouldBe([.. residence, .. other, .. camThanh], ignoreOrder: true);
        (await Walk($"from={Today}&to={Today}")).Count.ShouldBe(6);
        (await Walk($"from={Yesterday}&to={Yesterday}")).ShouldBeEmpty();
        (await Walk($"procedure={Residence}&agency={KonTum}&level=commune&from={Today}&to={Today}")).ShouldBe(residence, ignoreOrder: true);
    }

    [Theory]
    [InlineData("/api/sla/overdue?next=bm90LWEtY3Vyc29y", "next")]
    [InlineData("/api/sla/overdue?next=%25%25%25", "next")]
    [InlineData("/api/sla/overdue?limit=0", "limit")]
    [InlineData("/api/sla/overdue?limit=501", "limit")]
    [InlineData("/api/sla/overdue?limit=ten", "limit")]
    [InlineData("/api/sla/overdue?level=district", "level")]
    [InlineData("/api/sla/overdue?agency=999.99.99.H48", "agency")]
    [InlineData("/api/sla/overdue?procedure=%3Cscript%3E", "procedure")]
    [InlineData("/api/sla/overdue?from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("/api/sla/overdue?from=2026-03-02", "to")]
    [InlineData("/api/sla/at-risk?withinHours=8&next=x", "next")]
    [InlineData("/api/sla/online-intake?level=ward", "level")]
    [InlineData("/api/sla/online-intake?next=x", "next")]
    [InlineData("/api/agencies/057.02.90.H48/inbox?next=x", "next")]
    [InlineData("/api/agencies/057.02.90.H48/inbox?procedure=a%20b", "procedure")]
    [InlineData("/api/registers/057.01.90.H48?from=2026-03-02&to=2026-03-02&next=x", "next")]
    [InlineData("/api/registers/057.01.90.H48?from=2026-03-02&to=2026-03-02&limit=-1", "limit")]
    [InlineData("/api/access-log?from=2026-03-02&to=2026-03-02&next=x", "next")]
    [InlineData("/api/access-log?from=2026-03-02&to=2026-03-02&level=x", "level")]
    [InlineData("/api/handoffs/matrix?from=2026-03-02&to=2026-03-02&agency=nowhere", "agency")]
    [InlineData("/api/agencies/057.01.90.H48/pickup?from=2026-03-02", "to")]
    public async Task a_bad_cursor_limit_or_filter_is_a_400_naming_it(string url, string field)
    {
        var before = await EventCount();

        var problem = JsonNode.Parse(await Refused(url))!;

        problem["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field);
        problem.ToJsonString().ShouldNotContain("Exception");
        (await EventCount()).ShouldBe(before);
    }

    [Fact]
    public async Task a_cursor_is_refused_by_another_list_or_with_other_filters()
    {
        await ReceivedMany(3);
        var first = await Get<SlaBoard>("/api/sla/at-risk?withinHours=100&limit=2");
        var next = Uri.EscapeDataString(first.Next.ShouldNotBeNull());

        (await Refused($"/api/sla/at-risk?withinHours=100&limit=2&procedure={Residence}&next={next}")).ShouldContain("next");
        (await Refused($"/api/sla/at-risk?withinHours=50&limit=2&next={next}")).ShouldContain("next");
        (await Refused($"/api/sla/overdue?next={next}")).ShouldContain("next");
        (await Refused($"/api/agencies/{KonTumPolice}/inbox?next={next}")).ShouldContain("next");
        (await Get<SlaBoard>($"/api/sla/at-risk?withinHours=100&limit=5&next={next}")).Items.Count.ShouldBe(1);   // another page size is fine
    }

    [Fact]
    public async Task the_inbox_pages_keep_hand_overs_first_and_filter_by_procedure_and_activation_day()
    {
        var residence = await ReceivedMany(4);
        var officer = Token(Roles.Officer, agency: KonTumPolice);
        await Host.Command($"/api/dossiers/{residence[2]}/tasks/appraise/acknowledge", officer);
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var inbox = $"/api/agencies/{KonTumPolice}/inbox";

        var pages = await Pages<Inbox>($"{inbox}?limit=3", i => i.Next, officer);
        var all = await Get<Inbox>($"{inbox}?limit=500", officer);

        pages.Count.ShouldBe(2);
        var walked = pages.SelectMany(p => p.Items).ToList();
        walked.Select(i => (i.DossierId, i.TaskId)).ShouldBeUnique();
        walked.Select(i => (i.DossierId, i.TaskId)).ShouldBe(all.Items.Select(i => (i.DossierId, i.TaskId)));
        walked.Select(i => i.DossierId).ShouldBe(residence, ignoreOrder: true);
        walked[^1].DossierId.ShouldBe(residence[2]);   // acknowledged: after the hand-overs still waiting
        walked.Take(3).ShouldAllBe(i => !i.Acknowledged);
        (await Get<Inbox>($"{inbox}?procedure={Other}", officer)).Items.ShouldBeEmpty();
        (await Get<Inbox>($"{inbox}?procedure={Residence}&from={Today}&to={Today}", officer)).Items.Count.ShouldBe(4);
        (await Get<Inbox>($"{inbox}?from={Yesterday}&to={Yesterday}", officer)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_register_pages_number_on_and_filter_by_procedure()
    {
        var residence = await ReceivedMany(3);
        var other = await ReceivedMany(2, procedure: Other);
        var register = $"/api/registers/{KonTum}?from={Today}&to={Today}";

        var pages = await Pages<Register>($"{register}&limit=2", r => r.Next, Desk(KonTum));

        pages.Select(p => p.Items.Count).ShouldBe([2, 2, 1]);
        var lines = pages.SelectMany(p => p.Items).ToList();
        lines.Select(l => l.Number).ShouldBe([1, 2, 3, 4, 5]);
        lines.Select(l => l.Id).ShouldBe([.. residence, .. other]);   // in order of reception
        (await Get<Register>($"{register}&procedure={Other}", Desk(KonTum))).Items.Select(l => l.Id).ShouldBe(other);
        var html = await Host.Scenario(s => { s.Get.Url($"{register}&limit=2&format=html"); s.WithBearerToken(Desk(KonTum)); });
        (await html.ReadAsTextAsync()).ShouldContain("Trang sau");
    }

    [Fact]
    public async Task the_access_log_pages_newest_first_and_filters_by_the_reader_s_agency_and_level()
    {
        var id = await Received();
        for (var i = 0; i < 4; i++) await Get<object>($"/api/dossiers/{id}", Desk(KonTum));
        await Get<object>($"/api/dossiers/{id}/history", Auditor);
        // This dossier's reads only: the classes running beside this one read dossiers (and log them) meanwhile.
        var log = $"/api/access-log?from={Today}&to={Today}&dossierId={id}";

        var all = await Get<AccessLog>($"{log}&limit=500");
        var pages = await Pages<AccessLog>($"{log}&limit=2", l => l.Next);

        all.Items.Count.ShouldBeGreaterThanOrEqualTo(5);
        pages.Count.ShouldBe((all.Items.Count + 1) / 2);
        pages.SelectMany(p => p.Items).Select(r => r.Id).ShouldBe(all.Items.Select(r => r.Id));
        all.Items.Select(r => r.Id).ShouldBeUnique();
        all.Items[0].Route.ShouldEndWith("/history");   // the newest read first
        (await Get<AccessLog>($"{log}&agency={KonTum}")).Items.ShouldAllBe(r => r.Agency == KonTum);
        (await Get<AccessLog>($"{log}&agency={KonTum}")).Items.Count.ShouldBe(all.Items.Count(r => r.Agency == KonTum));
        (await Get<AccessLog>($"{log}&level=commune")).Items.Count.ShouldBe(all.Items.Count(r => r.Agency == KonTum));
        (await Get<AccessLog>($"{log}&level=province")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_hand_off_matrix_takes_the_filters_without_paging()
    {
        await ReceivedMany(2);
        await ReceivedMany(1, CamThanh, Other);
        var matrix = $"/api/handoffs/matrix?from={Today}&to={Today}";

        (await Get<HandOffMatrix>($"{matrix}&agency={KonTum}")).Items.ShouldAllBe(c => c.FromAgency == KonTum || c.ToAgency == KonTum);
        (await Get<HandOffMatrix>($"{matrix}&agency={KonTum}")).Items.Sum(c => c.Count).ShouldBe(2);
        (await Get<HandOffMatrix>($"{matrix}&procedure={Residence}")).Items.Sum(c => c.Count).ShouldBe(2);
        (await Get<HandOffMatrix>($"{matrix}&level=province")).Items.ShouldBeEmpty();
        (await Get<HandOffMatrix>(matrix)).Items.Sum(c => c.Count).ShouldBe(3);
    }

    [Fact]
    public async Task the_pick_up_list_filters_by_procedure_and_the_day_the_result_was_ready()
    {
        var id = await Received();
        var officer = Token(Roles.Officer, agency: KonTumPolice);
        foreach (var step in new[] { "appraise", "approve" })
            await Host.Command($"/api/dossiers/{id}/tasks/{step}/complete", officer, new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{id}/tasks/return/complete", Desk(KonTum), new { outcome = "Done" });
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        var pickup = $"/api/agencies/{KonTum}/pickup";

        (await Get<PickupList>($"{pickup}?procedure={Residence}&from={Today}&to={Today}")).Items.ShouldHaveSingleItem().Id.ShouldBe(id);
        (await Get<PickupList>($"{pickup}?procedure={Other}")).Items.ShouldBeEmpty();
        (await Get<PickupList>($"{pickup}?from={Yesterday}&to={Yesterday}")).Items.ShouldBeEmpty();
    }
}
