using Alba;
using Dossiers.Api.Dossiers;

namespace Dossiers.Tests.Fixtures;

/// <summary>"Given" states built through the real API, the way a desk officer would.</summary>
public static class Scenarios
{
    public static object SubmitRequest(string procedureCode = "1.004222", string channel = "desk", string applicant = "Nguyễn Văn An", object? data = null,
        string? commune = null, string? pickup = null) => new
    {
        procedureCode,
        channel,
        competentCommune = commune,
        pickupCentre = pickup,
        applicant = new { name = applicant, idNumber = "051090000123", phone = "0912345678", email = "an@example.vn", address = "Quảng Ngãi" },
        documents = new[] { new { name = "Tờ khai thay đổi thông tin cư trú", kind = "original", digitized = true } },
        data,
    };

    public static async Task<DossierView> SubmittedDossier(this IAlbaHost host, string token, object? request = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(request ?? SubmitRequest()).ToUrl("/api/dossiers");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<DossierView>())!;
    }

    /// <summary>POSTs a command and returns the dossier view it answers (asserting the status).</summary>
    public static async Task<DossierView?> Command(this IAlbaHost host, string url, string token, object? body = null, int status = 200,
        Action<Scenario>? configure = null)
    {
        var result = await host.Scenario(s =>
        {
            if (body is null) s.Post.Url(url); else s.Post.Json(body).ToUrl(url);
            s.WithBearerToken(token);
            configure?.Invoke(s);
            s.StatusCodeShouldBe(status);
        });
        return status is 200 or 201 ? await result.ReadAsJsonAsync<DossierView>() : null;
    }
}
