using Alba;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Search;
using Dossiers.Tests.Fixtures;
using Marten.Events;

namespace Dossiers.Tests.Search;

/// <summary>Dossiers received at two centres of the province, and the search and pick-up calls, as the tests make them.</summary>
public abstract class SearchScenarios(AppFixture fixture) : IntegrationContext(fixture)
{
    protected const string KonTumCentre = "057.01.90.H48", KonTumPolice = "057.02.90.H48";
    protected const string CamThanhCentre = "004.01.90.H48", CamThanhPolice = "004.02.90.H48";
    protected static readonly string Today = $"{ShiftedClock.MondayMorning:yyyy-MM-dd}";

    protected string Desk(string centre) => Token(Roles.Desk, agency: centre, user: $"desk@{centre}");
    protected string Officer(string unit) => Token(Roles.Officer, agency: unit, user: $"officer@{unit}");
    protected string Auditor => Token(Roles.Auditor, user: "auditor.hanh");

    protected static object Request(string name, string idNumber = "051090000123", string procedure = "1.004222") => new
    {
        procedureCode = procedure,
        channel = "desk",
        applicant = new { name, idNumber, phone = "0912345678" },
        documents = new[] { new { name = "Tờ khai", kind = "original", digitized = true } },
    };

    /// <summary>Submitted and accepted at the centre: it has a code and is in the centre's register.</summary>
    protected async Task<DossierView> Received(string name, string centre = KonTumCentre, string idNumber = "051090000123", string procedure = "1.004222")
    {
        var submitted = await Host.SubmittedDossier(Desk(centre), Request(name, idNumber, procedure));
        return (await Host.Command($"/api/dossiers/{submitted.Id}/accept", Desk(centre)))!;
    }

    /// <summary>A temporary-residence dossier walked until its result waits at the desk (DVCQG 9).</summary>
    protected async Task<DossierView> ResultReady(string name, string centre = KonTumCentre, string police = KonTumPolice)
    {
        var dossier = await Received(name, centre, procedure: "1.004194");
        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/appraise/complete", Officer(police), new { outcome = "Approved" });
        await Host.Command($"/api/dossiers/{dossier.Id}/tasks/approve/complete", Officer(police), new { outcome = "Approved" });
        return (await Host.Command($"/api/dossiers/{dossier.Id}/tasks/return/complete", Desk(centre), new { outcome = "Done" }))!;
    }

    /// <summary>The asynchronous search entries have caught up with everything written so far.</summary>
    protected Task CaughtUp() => Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(20));

    protected async Task<SearchPage> Search(string query, string? token = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url("/api/dossiers?" + query);
            s.WithBearerToken(token ?? Auditor);
            s.StatusCodeShouldBe(200);
        });
        return (await result.ReadAsJsonAsync<SearchPage>())!;
    }

    protected static string Q(string text) => "q=" + Uri.EscapeDataString(text);

    /// <summary>The answer to a request the API must refuse, with the fields its problem names.</summary>
    protected async Task<(int Status, IReadOnlyList<string> Fields)> Refused(string url, string? token = null)
    {
        var result = await Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.WithBearerToken(token ?? Auditor);
            s.IgnoreStatusCode();
        });
        var body = await result.ReadAsTextAsync();
        // A 403 from the role policy has no body; a problem answer names its fields under "errors".
        var fields = body.StartsWith('{') ? System.Text.Json.Nodes.JsonNode.Parse(body)?["errors"]?.AsObject().Select(p => p.Key).ToList() ?? [] : [];
        return (result.Context.Response.StatusCode, fields);
    }
}
