using System.Text.Json;
using Dossiers.Api.Auth;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Dossiers;
using Dossiers.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace Dossiers.Tests.Api;

/// <summary>
/// A command on a dossier this node saved a moment ago starts from the state it saved (RecentDossierStates), not from
/// the stored document. What it decides on must still be exactly the dossier as stored, so the inline projection, which
/// folds the new events onto that state, writes the same document as a fold of the whole stream.
/// </summary>
public class when_a_node_remembers_the_dossiers_it_saved(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Procedure = "1.004194";
    private const string DeskAgency = "057.01.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency, user: "desk.lan");

    [Fact]
    public async Task each_command_starts_from_the_state_the_previous_one_saved_and_stores_what_a_full_fold_gives()
    {
        var states = Host.Services.GetRequiredService<RecentDossierStates>();
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var before = states.Hits;

        var dossier = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;
        var commands = 1;
        // The police's two steps (appraise, approve), each acknowledged when handed over, then completed.
        while (dossier.Tasks is [{ ActivityId: "appraise" or "approve" } task, ..])
        {
            var officer = Token(Roles.Officer, agency: task.Agency, user: "officer.binh");
            if (task.AllowedActions.Contains("acknowledge"))
            {
                dossier = (await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{task.TaskId}/acknowledge", officer))!;
                commands++;
                await StoredIsTheFold(dossier.Id);
            }
            dossier = (await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{task.TaskId}/complete", officer, new { outcome = "Approved" }))!;
            commands++;
            await StoredIsTheFold(dossier.Id);
        }

        commands.ShouldBeGreaterThanOrEqualTo(3);
        // Every command after the submission found the state its predecessor saved.
        (states.Hits - before).ShouldBe(commands);
    }

    [Fact]
    public async Task a_command_whose_save_failed_leaves_nothing_behind_for_the_next()
    {
        var states = Host.Services.GetRequiredService<RecentDossierStates>();
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var dossier = (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk))!;
        var task = dossier.Tasks[0];
        var officer = Token(Roles.Officer, agency: task.Agency, user: "officer.binh");

        // Refused by the decider (an outcome the step does not have): the fetched state is taken, nothing is saved.
        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{task.TaskId}/complete", officer, new { outcome = "Nonsense" }, status: 409);
        var hits = states.Hits;
        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/{task.TaskId}/acknowledge", officer);

        states.Hits.ShouldBe(hits, "the refused command took the entry; the next one loads the stored document");
        await StoredIsTheFold(dossier.Id);
    }

    [Fact]
    public async Task reading_a_dossier_right_after_a_command_answers_the_state_it_saved_without_loading_the_document()
    {
        var states = Host.Services.GetRequiredService<RecentDossierStates>();
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        var accepted = await Host.Scenario(s =>
        {
            s.Post.Url($"/api/dossiers/{submitted.Id}/accept");
            s.WithBearerToken(Desk);
        });
        var reads = states.Reads;

        var read = await Host.Scenario(s =>
        {
            s.Get.Url($"/api/dossiers/{submitted.Id}");
            s.WithBearerToken(Desk);
        });

        (states.Reads - reads).ShouldBe(1);
        var view = read.ReadAsText();
        view.ShouldBe(accepted.ReadAsText(), "the same view as the command answered");
        read.Context.Response.Headers.ETag.ToString().ShouldBe(accepted.Context.Response.Headers.ETag.ToString());
        // The dossier's next command still finds the state: a read does not take it.
        var hits = states.Hits;
        var task = JsonDocument.Parse(view).RootElement.GetProperty("tasks")[0];
        var officer = Token(Roles.Officer, agency: task.GetProperty("agency").GetString(), user: "officer.binh");
        await Host.Command($"/api/dossiers/{submitted.Id}/tasks/{task.GetProperty("taskId").GetString()}/acknowledge", officer);
        (states.Hits - hits).ShouldBe(1);
        await StoredIsTheFold(submitted.Id);
    }

    private async Task StoredIsTheFold(Guid id)
    {
        await using var session = Store.QuerySession();
        var stored = await session.LoadAsync<Dossier>(id);
        var folded = await session.Events.AggregateStreamAsync<Dossier>(id);
        Json(stored).ShouldBe(Json(folded));
    }

    private static string Json(Dossier? dossier) => JsonSerializer.Serialize(dossier);
}
