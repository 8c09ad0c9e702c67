using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

/// <summary>The dossier view and every command's answer list the actions of the caller, on the dossier and on each task.</summary>
public class when_reading_what_to_do_next(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Procedure = "1.004194";   // đăng ký tạm trú: no payment pause
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency, user: "desk.lan");
    private string Police => Token(Roles.Officer, agency: PoliceAgency, user: "officer.binh");

    private async Task<DossierView> View(Guid id, string token)
    {
        var result = await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{id}"); s.WithBearerToken(token); });
        return (await result.ReadAsJsonAsync<DossierView>())!;
    }

    [Fact]
    public async Task each_caller_sees_only_what_they_may_do()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var accepted = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;

        accepted.AllowedActions.ShouldBe(["supplement-request", "apology", "withdrawal", "stop"]);
        (await View(submitted.Id, Police)).AllowedActions.ShouldBe(["acknowledge", "complete", "supplement-request", "apology"]);
        (await View(submitted.Id, Token(Roles.Controller))).AllowedActions.ShouldBe(["migrate"]);
        (await View(submitted.Id, Token(Roles.Auditor))).AllowedActions.ShouldBeEmpty();
    }

    [Fact]
    public async Task an_acknowledged_task_offers_only_its_completion()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var accepted = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;
        var task = accepted.Tasks[0];
        accepted.Tasks[0].AllowedActions.ShouldBeEmpty();   // the desk's view: the step is the police's

        var acknowledged = (await Host.Command($"/api/dossiers/{submitted.Id}/tasks/{task.TaskId}/acknowledge", Police))!;

        acknowledged.Tasks.Single().AllowedActions.ShouldBe(["complete"]);
        acknowledged.AllowedActions.ShouldNotContain("acknowledge");
        acknowledged.AllowedActions.ShouldNotContain("payment-request");
    }
}
