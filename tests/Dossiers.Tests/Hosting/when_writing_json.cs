using Alba;
using Dossiers.Api.Auth;
using Dossiers.Tests.Fixtures;
using Marten;

namespace Dossiers.Tests.Hosting;

/// <summary>
/// Vietnamese text travels as itself, to the store and to clients: "\u1ED9" for "ộ" would multiply the bytes every
/// command writes, sends and PostgreSQL parses. What could end a string or open markup is still escaped.
/// </summary>
public class when_writing_json(AppFixture fixture) : IntegrationContext(fixture)
{
    private const string Note = "Cán bộ đăng ký cư trú thẩm định <b>hồ sơ</b> & \"ghi chú\"";

    [Fact]
    public void the_store_writes_vietnamese_letters_as_they_are_and_escapes_markup()
    {
        var json = Store.Options.Serializer().ToJson(new { note = Note });

        json.ShouldContain("Cán bộ đăng ký cư trú thẩm định");
        json.ShouldNotContain("\\u1ED9");
        json.ShouldNotContain("<b>");
        json.ShouldNotContain("&");
    }

    [Fact]
    public async Task an_answer_carries_vietnamese_letters_as_they_are()
    {
        var desk = Token(Roles.Desk, agency: "057.01.90.H48", user: "desk.lan");
        var submitted = await Host.SubmittedDossier(desk, Scenarios.SubmitRequest("1.004194"));

        var body = await (await Host.Scenario(s => { s.Get.Url($"/api/dossiers/{submitted.Id}/receipt"); s.WithBearerToken(desk); s.StatusCodeShouldBe(200); }))
            .ReadAsTextAsync();

        body.ShouldNotContain("\\u");
        body.ShouldContain(c => c > '\u007f', "the procedure's and the applicant's names are Vietnamese");
    }
}
