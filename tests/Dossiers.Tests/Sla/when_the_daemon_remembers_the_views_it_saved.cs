using System.Text.Json;
using Dossiers.Api.Auth;
using Dossiers.Projections.Sla;
using Dossiers.Tests.Fixtures;
using Marten;
using Marten.Events;

namespace Dossiers.Tests.Sla;

/// <summary>
/// The projection daemon keeps the read models it saved (Projections:RememberedViews) and folds the next page of a
/// dossier's events onto them instead of loading the documents again. What it writes must still be what a fold of the
/// whole stream gives.
/// </summary>
public class when_the_daemon_remembers_the_views_it_saved(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Procedure = "1.004194";
    private const string DeskAgency = "057.01.90.H48";
    private const string PoliceAgency = "057.02.90.H48";
    private string Desk => Token(Roles.Desk, agency: DeskAgency);
    private string Police => Token(Roles.Officer, agency: PoliceAgency);

    [Fact]
    public async Task the_next_page_folds_onto_the_document_the_daemon_saved_not_on_one_loaded_again()
    {
        var submitted = await Host.SubmittedDossier(Desk, Scenarios.SubmitRequest(Procedure));
        await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk);
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));
        // A change behind the daemon's back: only a load of the stored document would see it.
        (await Database.Execute($"update {Store.Options.DatabaseSchemaName}.mt_doc_dossiersla " +
                                "set data = jsonb_set(data, '{procedureCode}', '\"changed.behind\"') where id = $1", submitted.Id)).ShouldBe(1);

        await Host.Command($"/api/dossiers/{submitted.Id}/tasks/appraise/complete", Police, new { outcome = "Approved" });
        await Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

        await using var session = Store.QuerySession();
        var stored = await session.LoadAsync<DossierSla>(submitted.Id);
        stored.ShouldNotBeNull().ProcedureCode.ShouldBe(Procedure, "the page was folded onto the remembered document");
        var events = await session.Events.FetchStreamAsync(submitted.Id);
        var folded = events.Aggregate((DossierSla?)null, (sla, e) => DossierSla.Next(sla, e.Data));
        JsonSerializer.Serialize(stored).ShouldBe(JsonSerializer.Serialize(folded));
    }
}
