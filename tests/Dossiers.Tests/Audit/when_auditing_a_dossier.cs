using Alba;
using Dossiers.Api.Audit;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Audit;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Dossiers.Tests.Audit;

public class when_auditing_a_dossier(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency, user: "desk.lan");
    private string Police => Token(Roles.Officer, agency: PoliceAgency, user: "officer.binh");

    private async Task<Guid> Worked()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest("1.004194"));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk, configure: s => s.WithRequestHeader("X-Correlation-Id", "quay-3"));
        await Host.Command($"/api/dossiers/{submitted.Id}/tasks/appraise/complete", Police, new { outcome = "Approved", note = "Hợp lệ" });
        await Host.Command($"/api/dossiers/{submitted.Id}/supplement-requests", Police, new { items = new[] { "Bản sao CCCD" }, reason = "Thiếu bản sao" });
        return submitted.Id;
    }

    private async Task<T> Read<T>(string url, string? token = null) =>
        (await (await Host.Scenario(s => { s.Get.Url(url); s.WithBearerToken(token ?? Token(Roles.Auditor)); })).ReadAsJsonAsync<T>())!;

    [Fact]
    public async Task the_dossier_carries_its_chain_head_so_the_next_command_need_not_read_it()
    {
        var id = await Worked();

        await using var session = Store.QuerySession();
        var state = (await session.LoadAsync<Dossier>(id))!;
        var last = (await session.Events.FetchStreamAsync(id)).Last();
        state.Version.ShouldBe(last.Version);
        state.ChainHead.ShouldNotBeNull();
        state.ChainHead.ShouldBe(last.GetHeader(EventHash.Header)?.ToString());
        (await Read<System.Text.Json.JsonElement>($"/api/dossiers/{id}/verify")).GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task the_desk_register_carries_its_chain_head_too_so_an_accept_reads_no_events_inside_the_register_lock()
    {
        var first = await Worked();
        var second = await Worked();

        await using var session = Store.QuerySession();
        var accepted = (await session.Events.FetchStreamAsync(second)).Select(e => e.Data).OfType<DossierAccepted>().Single();
        var register = (await session.LoadAsync<DeskRegister>(DeskRegister.IdFor(accepted.ReceivingAgency, accepted.AcceptedAt)))!;
        var last = (await session.Events.FetchStreamAsync(register.Id)).Last();
        register.Version.ShouldBe(last.Version);
        register.ChainHead.ShouldBe(last.GetHeader(EventHash.Header)?.ToString());
        register.ChainHead.ShouldNotBeNull();
        (await Host.Services.GetRequiredService<ChainVerifier>().Verify(register.Id))!.Intact.ShouldBeTrue();
        first.ShouldNotBe(second);
    }

    [Fact]
    public async Task the_next_command_chains_on_the_head_the_state_carries_without_reading_the_events()
    {
        var id = await Worked();
        await using (var write = Store.LightweightSession())
        {
            // A head no event has: if the next append chained on the event table, the chain would stay intact.
            var state = (await write.LoadAsync<Dossier>(id))!;
            write.Store(state with { ChainHead = new string('0', 64) });
            await write.SaveChangesAsync();
        }
        var version = (await Read<DossierView>($"/api/dossiers/{id}", Desk)).Version;

        await Host.Command($"/api/dossiers/{id}/withdrawal", Desk, new { reason = "Rút hồ sơ" });

        (await Read<ChainReport>($"/api/dossiers/{id}/verify")).Problems.ShouldContain(p => p.Version == version + 1 && p.Kind == ChainProblemKind.Changed);
    }

    [Fact]
    public async Task the_history_lists_every_event_with_who_when_why_and_correlation()
    {
        var id = await Worked();

        var history = await Read<History>($"/api/dossiers/{id}/history");

        history.Items.Select(i => i.Version).ShouldBe(Enumerable.Range(1, history.Items.Count).Select(v => (long)v));
        history.Items[0].Type.ShouldBe("dossier_submitted");
        var accepted = history.Items.Single(i => i.Type == "dossier_accepted");
        (accepted.User, accepted.Role, accepted.Agency, accepted.CorrelationId).ShouldBe(("desk.lan", Roles.Desk, DeskAgency, "quay-3"));
        var supplement = history.Items.Single(i => i.Type == "supplement_requested");
        (supplement.User, supplement.Reason).ShouldBe(("officer.binh", "Thiếu bản sao"));
        history.Items.ShouldAllBe(i => i.At.Offset == TimeSpan.FromHours(7));
    }

    [Fact]
    public async Task the_state_as_it_was_is_replayed_by_version_and_by_time()
    {
        var id = await Worked();
        var history = await Read<History>($"/api/dossiers/{id}/history");
        var acceptance = history.Items.Single(i => i.Type == "dossier_accepted");

        var atVersion = await Read<DossierView>($"/api/dossiers/{id}?version={acceptance.Version}");
        atVersion.Status.ShouldBe(DossierStatus.Received);
        atVersion.Version.ShouldBe(acceptance.Version);

        var lastBeforePause = history.Items.Last(i => i.Type == "task_activated");
        var atTime = await Read<DossierView>($"/api/dossiers/{id}?asOf={Uri.EscapeDataString(lastBeforePause.At.ToString("O"))}");
        atTime.Paused.ShouldBeFalse();
        atTime.Version.ShouldBeLessThan(history.Items.Count);

        (await Read<DossierView>($"/api/dossiers/{id}")).Paused.ShouldBeTrue();
    }

    [Theory]
    [InlineData("version=0", "version")]
    [InlineData("version=abc", "version")]
    [InlineData("asOf=yesterday", "asOf")]
    [InlineData("asOf=2026-03-02T09:00:00", "asOf")]
    public async Task a_bad_point_in_time_answers_400_naming_it(string query, string field) =>
        (await (await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dossiers/{Guid.NewGuid()}?{query}");
            s.WithBearerToken(Token(Roles.Auditor));
            s.StatusCodeShouldBe(400);
        })).ReadAsTextAsync()).ShouldContain(field);

    [Fact]
    public async Task an_untouched_stream_verifies_intact()
    {
        var id = await Worked();

        var report = await Read<ChainReport>($"/api/dossiers/{id}/verify");

        report.Intact.ShouldBeTrue(string.Join("; ", report.Problems.Select(p => p.Detail)));
        report.Events.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task a_changed_row_is_named_by_its_version()
    {
        var id = await Worked();
        await Sql($"update dossiers.mt_events set data = jsonb_set(data, '{{applicant,name}}', '\"Người khác\"') where stream_id = '{id}' and version = 1");

        var report = await Read<ChainReport>($"/api/dossiers/{id}/verify");

        report.Intact.ShouldBeFalse();
        report.Problems.ShouldHaveSingleItem().ShouldBe(report.Problems[0] with { Version = 1, Kind = ChainProblemKind.Changed });
    }

    [Fact]
    public async Task a_changed_who_header_is_detected()
    {
        var id = await Worked();
        await Sql($"update dossiers.mt_events set headers = jsonb_set(headers, '{{user}}', '\"someone.else\"') where stream_id = '{id}' and version = 2");

        (await Read<ChainReport>($"/api/dossiers/{id}/verify")).Problems.ShouldContain(p => p.Version == 2 && p.Kind == ChainProblemKind.Changed);
    }

    [Fact]
    public async Task a_deleted_row_is_named_and_so_is_the_break_it_leaves()
    {
        var id = await Worked();
        await Sql($"delete from dossiers.mt_events where stream_id = '{id}' and version = 3");

        var report = await Read<ChainReport>($"/api/dossiers/{id}/verify");

        report.Problems.ShouldContain(p => p.Version == 3 && p.Kind == ChainProblemKind.Missing);
        report.Problems.ShouldContain(p => p.Version == 4 && p.Kind == ChainProblemKind.Changed);
    }

    [Fact]
    public async Task a_deleted_last_row_is_detected()
    {
        var id = await Worked();
        var last = (await Read<History>($"/api/dossiers/{id}/history")).Items.Count;
        await Sql($"delete from dossiers.mt_events where stream_id = '{id}' and version = {last}");

        (await Read<ChainReport>($"/api/dossiers/{id}/verify")).Problems.ShouldContain(p => p.Version == last && p.Kind == ChainProblemKind.Missing);
    }

    [Fact]
    public async Task an_inserted_row_is_detected()
    {
        var id = await Worked();
        await Sql($$"""
            insert into dossiers.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, headers)
            select nextval('dossiers.mt_events_sequence'), gen_random_uuid(), stream_id, 99, data, type, timestamp, tenant_id, mt_dotnet_type, '{}'::jsonb
            from dossiers.mt_events where stream_id = '{{id}}' and version = 1
            """);

        (await Read<ChainReport>($"/api/dossiers/{id}/verify")).Problems.ShouldContain(p => p.Version == 99 && p.Kind == ChainProblemKind.Unhashed);
    }

    [Fact]
    public async Task the_command_line_check_over_all_streams_names_the_altered_one_and_fails()
    {
        var intact = await Worked();
        var altered = await Worked();
        await Sql($"update dossiers.mt_events set data = jsonb_set(data, '{{reason}}', '\"sửa lý do\"') where stream_id = '{altered}' and type = 'supplement_requested'");
        var output = new StringWriter();

        var exit = await AuditCommands.Verify(Host.Services.GetRequiredService<ChainVerifier>(), output);

        exit.ShouldBe(1);
        output.ToString().ShouldContain($"stream {altered}");
        output.ToString().ShouldNotContain($"stream {intact}");
    }

    [Fact]
    public async Task only_auditors_and_controllers_verify() =>
        await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dossiers/{Guid.NewGuid()}/verify");
            s.WithBearerToken(Desk);
            s.StatusCodeShouldBe(403);
        });

    private async Task Sql(string sql) => (await Database.Execute(sql)).ShouldBeGreaterThan(0);
}
