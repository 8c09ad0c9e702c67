using System.Net.Http.Json;
using Dossiers.Api.Auth;
using Dossiers.Api.Dvcqg;
using Dossiers.Tests.Fixtures;
using Dossiers.Tests.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Dossiers.Tests.Dvcqg;

/// <summary>
/// The API as a real process, killed (SIGKILL) while the portal is down and updates wait: after a restart they are
/// delivered, in order, none lost. The daemon's progress is only recorded once a page's updates were acknowledged.
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_the_api_dies_with_updates_pending(AppFixture fixture) : IAsyncLifetime
{
    private const string Schema = "dvcqg_nodes";
    private RunningPortal _portal = null!;

    public async Task InitializeAsync()
    {
        await fixture.Host.Services.GetRequiredService<NpgsqlDataSource>().Execute($"drop schema if exists {Schema} cascade");
        _portal = await RunningPortal.Start();
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private ApiNode.Settings Settings => new(Schema, ShiftedClock.MondayMorning - DateTimeOffset.UtcNow,
        Environment: _portal.Settings("__"));

    [Fact]
    public async Task updates_pending_at_the_kill_are_delivered_after_the_restart()
    {
        _portal.Server.Fail(new FakePortal.FailureOrder("500", Count: null, Seconds: 600));
        var node = await ApiNode.Start("sync", Settings);
        var walk = new DossierWalk(node.Http, (role, agency) => fixture.Token(role, agency, $"{role}.node"));
        var (id, code) = await walk.Returned("Đặng Thị Mai");
        var auditor = fixture.Token(Roles.Auditor, user: "auditor.node");
        // The sender has the updates and the portal keeps refusing them.
        await Eventually.Get(async () =>
        {
            var page = await (await node.Send(HttpMethod.Get, "/api/dvcqg/sync?status=failed", auditor)).Content.ReadFromJsonAsync<DvcqgSyncPage>();
            return page!.Items.FirstOrDefault(s => s.Id == id);
        }, TimeSpan.FromSeconds(30), "the failing dossier");
        _portal.Server.Received.ShouldBeEmpty();

        node.Kill();
        await node.DisposeAsync();
        _portal.Server.Reset();   // the portal is back
        await using var restarted = await ApiNode.Start("sync-again", Settings);

        await _portal.Until(code, 10, TimeSpan.FromSeconds(60));
        _portal.Records(code).Select(r => (int)r["TrangThaiHoSo"]!).ShouldBe([2, 4, 9, 10]);
        var ids = _portal.UpdateIds(id);
        ids.ShouldBeUnique();
        ids.Select(u => long.Parse(u.Split('-')[1])).ShouldBeInOrder();

        // The resend verb, as an operator runs it from the same binaries and configuration.
        var (exit, output) = await ApiNode.Run(Settings, "dvcqg", "resend", id.ToString());
        exit.ShouldBe(0, output);
        _portal.Records(code)[^1]["MaCapNhat"]!.GetValue<string>().ShouldContain("-DB-R");
        (await ApiNode.Run(Settings, "dvcqg", "resend", "--failed")).ExitCode.ShouldBe(0);
    }
}
