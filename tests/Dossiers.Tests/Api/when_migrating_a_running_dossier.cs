using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

public class when_migrating_a_running_dossier(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DeskAgency = "057.01.90.H48";

    [Fact]
    public async Task a_controller_moves_it_with_a_step_mapping_and_new_dossiers_start_on_the_new_version()
    {
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var running = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));
        var accepted = (await Host.Command($"/api/dossiers/{running.Id}/accept", desk))!;
        accepted.DefinitionVersion.ShouldBe(1);
        await Publish(ShippedDefinition("1.004194-tam-tru", 2));

        var fresh = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));
        fresh.DefinitionVersion.ShouldBe(2);
        (await Host.Command($"/api/dossiers/{running.Id}/accept", desk, status: 409)).ShouldBeNull();

        var step = accepted.Tasks[0].ActivityId;
        await Host.Command($"/api/dossiers/{running.Id}/migrate", Token(Roles.Controller),
            new { toVersion = 2, stepMapping = new Dictionary<string, string>(), reason = "Quy trình mới" }, 400);
        var migrated = (await Host.Command($"/api/dossiers/{running.Id}/migrate", Token(Roles.Controller),
            new { toVersion = 2, stepMapping = new Dictionary<string, string> { [step] = step }, reason = "Quy trình mới" }))!;

        migrated.DefinitionVersion.ShouldBe(2);
        await using var session = Store.QuerySession();
        var changed = (await session.Events.FetchStreamAsync(running.Id)).Last().Data.ShouldBeOfType<WorkflowVersionChanged>();
        changed.FromVersion.ShouldBe(1);
        changed.StepMapping[step].ShouldBe(step);
        changed.ChangedBy.Role.ShouldBe(Roles.Controller);
    }

    [Fact]
    public async Task only_controllers_migrate() =>
        await Host.Command($"/api/dossiers/{Guid.NewGuid()}/migrate", Token(Roles.Desk, agency: DeskAgency),
            new { toVersion = 2, stepMapping = new Dictionary<string, string>(), reason = "x" }, 403);
}
