using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

/// <summary>Every shipped procedure, from submission to the result handed to the applicant, through the real API.</summary>
public class when_walking_every_shipped_procedure(AppFixture fixture) : IntegrationContext(fixture)
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "workflows");
    private static readonly AgencyRegistry Registry = AgencyRegistry.Load(Path.Combine(Folder, AgencyRegistry.FileName));
    private static readonly WorkflowCatalog Catalog = WorkflowCatalog.LoadFolder(Folder, Registry).Catalog;
    private const string KonTumCentre = "057.01.90.H48", BinhSon = "013.00.90.H48";

    public static TheoryData<string, bool> Procedures()
    {
        var data = new TheoryData<string, bool>();
        foreach (var definition in Catalog.All.OrderBy(d => d.Procedure.Code))
        {
            data.Add(definition.Procedure.Code, false);
            if (definition.Activities.OfType<DecisionActivity>().Any()) data.Add(definition.Procedure.Code, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Procedures))]
    public async Task a_dossier_goes_from_submission_to_result_returned(string procedureCode, bool needsVerification)
    {
        var workflow = Catalog.Latest(procedureCode)!;
        // Received in phường Kon Tum for an applicant of xã Bình Sơn: every step must work at a unit serving xã Bình Sơn.
        var desk = Token(Roles.Desk, agency: KonTumCentre, user: "desk.lan");
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest(procedureCode, data: new { needsVerification }, commune: BinhSon));
        submitted.DvcqgStatus.ShouldBe(1);

        var dossier = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", desk))!;
        dossier.Code!.ShouldMatch($@"^{KonTumCentre.Replace(".", @"\.")}-\d{{6}}-\d{{4}}$");
        dossier.DueAt.ShouldNotBeNull();
        dossier.DvcqgStatus.ShouldBe(2);

        for (var step = 0; dossier.Status != DossierStatus.Resolved; step++)
        {
            step.ShouldBeLessThan(40, "the walk does not end");
            if (dossier.Status == DossierStatus.AwaitingPayment)
            {
                dossier.DvcqgStatus.ShouldBe(6);
                dossier = (await Host.Command($"/api/dossiers/{dossier.Id}/payments", desk, new { note = "Biên lai nộp thuế" }))!;
                continue;
            }
            dossier.Tasks.ShouldNotBeEmpty();
            var task = dossier.Tasks[0];
            (task.Agency == KonTumCentre || Registry.Find(task.Agency)!.Communes.Contains(BinhSon) || workflow[task.ActivityId] is IRoutedActivity { Agency: AgencyRef.Fixed })
                .ShouldBeTrue($"step {task.ActivityId} works at {task.Agency}, which does not serve xã Bình Sơn");
            var officer = Token(Roles.Officer, agency: task.Agency, user: $"officer@{task.Agency}");
            if (task.State == "awaiting-acknowledgement")
                await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{task.TaskId}/acknowledge", officer);
            dossier = (await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{task.TaskId}/complete", officer,
                new { outcome = TowardsResult(workflow, task.ActivityId), note = "Đã xử lý" }))!;
            dossier.DvcqgStatus.ShouldBeOneOf(4, 6, 9);
        }

        dossier.DvcqgStatus.ShouldBe(9);
        dossier.Result.ShouldBe(ResultKind.Granted);
        dossier = (await Host.Command($"/api/dossiers/{dossier.Id}/return", desk, new { note = "Trả tại quầy" }))!;
        dossier.Status.ShouldBe(DossierStatus.Returned);
        dossier.DvcqgStatus.ShouldBe(10);
        dossier.AllowedActions.ShouldBeEmpty();
    }

    // The outcome whose path can still reach a granted result (not a rejection).
    private static string TowardsResult(WorkflowDefinition workflow, string activityId) =>
        workflow[activityId].OutPorts.First(port => workflow.Targets(activityId, port)
            .Any(target => workflow.Activities.OfType<ResultActivity>().Any(r => r.Id == target || workflow.CanReach(target, r.Id))));
}
