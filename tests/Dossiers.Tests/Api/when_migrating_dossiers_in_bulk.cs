using System.Text.Json.Nodes;
using Alba;
using Dossiers.Api.Audit;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Workflows.Migration;
using Dossiers.Engine.Dossiers;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Api;

/// <summary>
/// A controller previews, then migrates, every running dossier of tạm trú v141 to v142. Versions 140–159 of this
/// definition are this class's own: other classes' tạm trú dossiers are on other versions and never touched.
/// </summary>
public class when_migrating_dossiers_in_bulk(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string DefinitionId = "1.004194-tam-tru";
    private const string DeskAgency = "057.01.90.H48";
    private const string Preview = $"/api/workflows/{DefinitionId}/141/migration/preview";
    private const string Migration = $"/api/workflows/{DefinitionId}/141/migration";

    private async Task<T> Post<T>(string url, object body, string? token = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.WithBearerToken(token ?? Token(Roles.Controller));
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<T>())!;
    }

    private async Task<DossierView> Get(Guid id)
    {
        var result = await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{id}"); s.WithBearerToken(Token(Roles.Controller)); });
        return (await result.ReadAsJsonAsync<DossierView>())!;
    }

    private static object Body(string reason = "Quy trình v142", string? centre = null) => new
    {
        toVersion = 142,
        stepMapping = new Dictionary<string, string> { ["appraise"] = "appraise" },
        reason,
        receivingCentre = centre,
    };

    [Fact]
    public async Task a_controller_previews_then_migrates_the_running_dossiers_and_skips_the_one_the_mapping_misses()
    {
        await Publish(ShippedDefinition(DefinitionId, 141));
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var atAppraisal = new List<DossierView>();
        for (var i = 0; i < 2; i++)
            atAppraisal.Add((await Host.Command($"/api/dossiers/{(await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"))).Id}/accept", desk))!);
        var accepted = (await Host.Command($"/api/dossiers/{(await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"))).Id}/accept", desk))!;
        var task = accepted.Tasks.Single();
        var atApproval = (await Host.Command($"/api/dossiers/{accepted.Id}/tasks/{task.TaskId}/complete", Token(Roles.Officer, agency: task.Agency),
            new { outcome = "Approved" }))!;
        var notAccepted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));
        var refused = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));
        await Host.Command($"/api/dossiers/{refused.Id}/refuse", desk, new { reason = "Không thuộc thẩm quyền" });
        new[] { atAppraisal[0], atAppraisal[1], atApproval, notAccepted }.ShouldAllBe(d => d.DefinitionVersion == 141);
        atApproval.Tasks.Single().ActivityId.ShouldBe("approve");
        await Publish(ShippedDefinition(DefinitionId, 142));

        var preview = await Post<MigrationPreview>(Preview, Body());

        preview.Dossiers.Select(d => d.Id).ShouldBe(new[] { atAppraisal[0].Id, atAppraisal[1].Id, atApproval.Id, notAccepted.Id }, ignoreOrder: true);
        (preview.Total, preview.Migratable, preview.NotMigratable, preview.Remaining, preview.ToVersion).ShouldBe((4, 2, 2, 0, 142));
        foreach (var dossier in atAppraisal)
        {
            var item = preview.Dossiers.Single(d => d.Id == dossier.Id);
            (item.Code, item.ActiveSteps.Single(), item.LandsOn!.Single(), item.Reason).ShouldBe((dossier.Code, "appraise", "appraise", (string?)null));
        }
        var unmapped = preview.Dossiers.Single(d => d.Id == atApproval.Id);
        unmapped.ActiveSteps.ShouldBe(new[] { "approve" });
        unmapped.LandsOn.ShouldBeNull();
        unmapped.Reason.ShouldBe("Active step 'approve' is not mapped to a step of v142.");
        preview.Dossiers.Single(d => d.Id == notAccepted.Id).Reason.ShouldBe("Only a dossier still being processed can move to another workflow version.");
        (await Post<MigrationPreview>(Preview, Body(centre: "004.01.90.H48"))).Total.ShouldBe(0);   // another centre's dossiers only
        (await Get(atAppraisal[0].Id)).Version.ShouldBe(atAppraisal[0].Version);   // the preview saved nothing

        var report = await Post<MigrationReport>(Migration, Body());

        (report.Total, report.Migrated, report.Skipped, report.Remaining).ShouldBe((4, 2, 2, 0));
        foreach (var dossier in atAppraisal)
        {
            var item = report.Dossiers.Single(d => d.Id == dossier.Id);
            (item.Code, item.Outcome, item.LandedOn!.Single(), item.Reason).ShouldBe((dossier.Code, MigrationOutcome.Migrated, "appraise", (string?)null));
            var after = await Get(dossier.Id);
            (after.DefinitionVersion, after.Version).ShouldBe((142, dossier.Version + 1));
            var history = await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{dossier.Id}/history"); s.WithBearerToken(Token(Roles.Auditor)); });
            var last = (await history.ReadAsJsonAsync<History>())!.Items[^1];
            (last.Type.Replace("_", ""), last.Role, last.Reason).ShouldBe(("workflowversionchanged", Roles.Controller, "Quy trình v142"));
        }
        var skipped = report.Dossiers.Single(d => d.Id == atApproval.Id);
        (skipped.Outcome, skipped.LandedOn, skipped.Reason).ShouldBe((MigrationOutcome.Skipped, (IReadOnlyList<string>?)null, unmapped.Reason));
        var untouched = await Get(atApproval.Id);
        (untouched.DefinitionVersion, untouched.Version).ShouldBe((141, atApproval.Version));

        var again = await Post<MigrationPreview>(Preview, Body());
        again.Dossiers.Select(d => d.Id).ShouldBe(new[] { atApproval.Id, notAccepted.Id }, ignoreOrder: true);
        var events = await EventCount();
        (await Post<MigrationReport>(Migration, Body())).Migrated.ShouldBe(0);   // running it again touches nothing migrated
        (await EventCount()).ShouldBe(events);
    }

    [Fact]
    public async Task the_page_says_how_many_remain_and_where_to_carry_on()
    {
        await Publish(ShippedDefinition(DefinitionId, 141));
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
            ids.Add((await Host.Command($"/api/dossiers/{(await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"))).Id}/accept", desk))!.Id);
        await Publish(ShippedDefinition(DefinitionId, 142));

        var first = await Post<MigrationReport>(Migration, new { toVersion = 142, stepMapping = new { appraise = "appraise" }, reason = "Quy trình v142", limit = 2 });
        (first.Migrated, first.Remaining).ShouldBe((2, 1));
        var rest = await Post<MigrationReport>(Migration, new { toVersion = 142, stepMapping = new { appraise = "appraise" }, reason = "Quy trình v142", limit = 2, after = first.Next });
        (rest.Migrated, rest.Remaining, rest.Next).ShouldBe((1, 0, (Guid?)null));
        first.Dossiers.Concat(rest.Dossiers).Select(d => d.Id).ShouldBe(ids, ignoreOrder: true);
    }

    [Fact]
    public async Task officers_completing_steps_meanwhile_either_go_first_or_after_never_a_500()
    {
        await Publish(ShippedDefinition(DefinitionId, 141));
        var desk = Token(Roles.Desk, agency: DeskAgency);
        var dossiers = new List<DossierView>();
        for (var i = 0; i < 6; i++)
            dossiers.Add((await Host.Command($"/api/dossiers/{(await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"))).Id}/accept", desk))!);
        await Publish(ShippedDefinition(DefinitionId, 142));

        var migration = Host.Scenario(s => { s.Post.Json(Body()).ToUrl(Migration); s.WithBearerToken(Token(Roles.Controller)); s.IgnoreStatusCode(); });
        var completions = dossiers.Select(d => Host.Scenario(s =>
        {
            s.Post.Json(new { outcome = "Approved" }).ToUrl($"/api/dossiers/{d.Id}/tasks/{d.Tasks[0].TaskId}/complete");
            s.WithBearerToken(Token(Roles.Officer, agency: d.Tasks[0].Agency));
            s.IgnoreStatusCode();
        })).ToList();
        var answers = await Task.WhenAll(completions.Append(migration));

        answers.Select(a => a.Context.Response.StatusCode).ShouldAllBe(status => status == 200);
        var report = (await answers[^1].ReadAsJsonAsync<MigrationReport>())!;
        report.Total.ShouldBe(6);
        foreach (var item in report.Dossiers)
        {
            var after = await Get(item.Id);
            // Completed first: the dossier is at 'approve', which the mapping lacks. Migrated first: completed on v142.
            if (item.Outcome == MigrationOutcome.Skipped) (item.Reason, after.DefinitionVersion).ShouldBe(("Active step 'approve' is not mapped to a step of v142.", 141));
            else after.DefinitionVersion.ShouldBe(142);
            after.Tasks.Single().ActivityId.ShouldBe("approve");
        }
    }

    [Theory]
    [InlineData(Preview)]
    [InlineData(Migration)]
    public async Task only_the_control_office_may(string url)
    {
        foreach (var token in new[] { Token(Roles.Officer, agency: "057.02.90.H48"), Token(Roles.Desk, agency: DeskAgency), Token(Roles.Integrator) })
            await Host.Scenario(s => { s.Post.Json(Body()).ToUrl(url); s.WithBearerToken(token); s.StatusCodeShouldBe(403); });
    }

    [Theory]
    [InlineData("{\"stepMapping\":{\"appraise\":\"appraise\"},\"reason\":\"x\"}", "toVersion")]
    [InlineData("{\"toVersion\":142,\"reason\":\"x\"}", "stepMapping")]
    [InlineData("{\"toVersion\":142,\"stepMapping\":{\"appraise\":\"\"},\"reason\":\"x\"}", "stepMapping.appraise")]
    [InlineData("{\"toVersion\":142,\"stepMapping\":{},\"reason\":\" \"}", "reason")]
    [InlineData("{\"toVersion\":\"v142\",\"stepMapping\":{},\"reason\":\"x\"}", "toVersion")]
    [InlineData("{\"toVersion\":142,\"stepMapping\":{},\"reason\":\"x\",\"limit\":501}", "limit")]
    [InlineData("{\"toVersion\":159,\"stepMapping\":{},\"reason\":\"x\"}", "toVersion")]   // not a published version
    public async Task a_bad_body_is_a_400_naming_the_field(string body, string field)
    {
        foreach (var url in new[] { $"/api/workflows/{DefinitionId}/1/migration/preview", $"/api/workflows/{DefinitionId}/1/migration" })
        {
            var result = await Host.Scenario(s =>
            {
                s.Post.Text(body).ToUrl(url);
                s.WithRequestHeader("Content-Type", "application/json");
                s.WithBearerToken(Token(Roles.Controller));
                s.StatusCodeShouldBe(400);
            });
            (await result.ReadAsJsonAsync<JsonObject>())!["errors"]!.AsObject().ShouldContainKey(field);
        }
    }

    [Fact]
    public async Task an_unpublished_source_version_is_a_404() =>
        await Host.Scenario(s =>
        {
            s.Post.Json(new { toVersion = 1, stepMapping = new { appraise = "appraise" }, reason = "x" }).ToUrl($"/api/workflows/{DefinitionId}/158/migration/preview");
            s.WithBearerToken(Token(Roles.Controller));
            s.StatusCodeShouldBe(404);
        });
}
