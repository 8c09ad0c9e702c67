using System.Text.Json;
using Alba;
using Dossiers.Api.Audit;
using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Boards;
using Dossiers.Projections.Registers;
using Dossiers.Projections.Search;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Fixtures;
using Marten;
using Marten.Events;

namespace Dossiers.Tests.Audit;

/// <summary>Every read model rebuilt from the events equals the one maintained live, document for document.</summary>
public class when_rebuilding_projections(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";

    private async Task SomeHistory()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var police = Token(Roles.Officer, agency: PoliceAgency);
        for (var i = 0; i < 4; i++)
        {
            var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194", applicant: $"Công dân {i}"));
            await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk);
            if (i == 0) continue;
            await Host.Command($"/api/dossiers/{submitted.Id}/tasks/appraise/acknowledge", police);
            if (i == 1)
            {
                await Host.Command($"/api/dossiers/{submitted.Id}/supplement-requests", police, new { items = new[] { "CCCD" }, reason = "Thiếu" });
                await Host.Command($"/api/dossiers/{submitted.Id}/supplements", desk, new { note = "Đã nộp" });
                continue;
            }
            await Host.Command($"/api/dossiers/{submitted.Id}/tasks/appraise/complete", police, new { outcome = "Approved" });
            if (i == 3) await Host.Command($"/api/dossiers/{submitted.Id}/withdrawal", desk, new { reason = "Rút" });
        }
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
    }

    private async Task<Dictionary<string, string>> Snapshot()
    {
        await using var session = Store.QuerySession();
        var documents = new Dictionary<string, string>();
        async Task Add<T>(Func<T, object> id) where T : notnull
        {
            foreach (var doc in await session.Query<T>().ToListAsync())
                documents[$"{typeof(T).Name}/{id(doc)}"] = JsonSerializer.Serialize(doc);
        }
        await Add<Dossier>(d => d.Id);
        await Add<DeskRegister>(r => r.Id);
        await Add<DossierFile>(f => f.Id);
        await Add<DossierSla>(s => s.Id);
        await Add<InboxItem>(i => i.Id);
        await Add<HandOffRow>(h => h.Id);
        await Add<DossierSearchEntry>(e => e.Id);
        return documents;
    }

    [Fact]
    public async Task the_rebuilt_read_models_equal_the_live_ones()
    {
        await SomeHistory();
        var live = await Snapshot();
        var output = new StringWriter();

        (await AuditCommands.Rebuild(Store, output)).ShouldBe(0);
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        var rebuilt = await Snapshot();
        rebuilt.Keys.Order().ShouldBe(live.Keys.Order());
        foreach (var (key, json) in live) rebuilt[key].ShouldBe(json, key);
        live.Keys.Count(k => k.StartsWith("InboxItem/")).ShouldBeGreaterThan(0);
        live.Keys.Count(k => k.StartsWith("DossierSearchEntry/")).ShouldBe(4);
        output.ToString().ShouldContain("All projections rebuilt.");
    }
}
