using Alba;
using Dossiers.Api.Dossiers;

namespace Dossiers.Tests.Fixtures;

/// <summary>"Given" states built through the real API, the way a desk officer would.</summary>
public static class Scenarios
{
    public static object SubmitRequest(string procedureCode = "1.004222", string channel = "desk", string applicant = "Nguyễn Văn An") => new
    {
        procedureCode,
        channel,
        applicant = new { name = applicant, idNumber = "051090000123", phone = "0912345678", email = "an@example.vn", address = "Quảng Ngãi" },
        documents = new[] { new { name = "Tờ khai thay đổi thông tin cư trú", kind = "original", digitized = true } },
    };

    public static async Task<DossierCreated> SubmittedDossier(this IAlbaHost host, string token, object? request = null)
    {
        var result = await host.Scenario(s =>
        {
            s.Post.Json(request ?? SubmitRequest()).ToUrl("/api/dossiers");
            s.WithBearerToken(token);
            s.StatusCodeShouldBe(201);
        });
        return (await result.ReadAsJsonAsync<DossierCreated>())!;
    }
}
