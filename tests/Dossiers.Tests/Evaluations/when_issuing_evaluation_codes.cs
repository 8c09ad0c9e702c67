using Dossiers.Api.Evaluations;
using Dossiers.Api.Files;
using Dossiers.Engine.Evaluations;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace Dossiers.Tests.Evaluations;

/// <summary>The evaluation code and the form's own checks, with no database.</summary>
public class when_issuing_evaluation_codes
{
    private static EvaluationTokens Tokens(string secret = "a-secret-of-at-least-thirty-two-characters!") =>
        new(new ResultLinks(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Lookup:ResultLinkSecret"] = secret }).Build(),
            new HostingEnvironment { EnvironmentName = Environments.Production }));

    [Fact]
    public void a_code_names_its_dossier_only_to_the_service_and_is_the_same_on_every_reprint()
    {
        var tokens = Tokens();
        var id = Guid.NewGuid();
        var token = tokens.TokenFor(id);

        token.Length.ShouldBe(EvaluationTokens.Length);
        EvaluationTokens.LooksLikeToken(token).ShouldBeTrue();
        tokens.TokenFor(id).ShouldBe(token);
        tokens.DossierOf(token).ShouldBe(id);
        tokens.PathFor(id).ShouldBe($"/api/lookup/evaluations/{token}");
        // Not the id in any spelling, nor its bytes: the result link's code starts with them, this one does not.
        foreach (var shown in new[] { id.ToString(), id.ToString("N"), WebEncoders.Base64UrlEncode(id.ToByteArray())[..20] })
            token.ShouldNotContain(shown, Case.Insensitive);
        WebEncoders.Base64UrlDecode(token).AsSpan(0, 16).ToArray().ShouldNotBe(id.ToByteArray());
        // Neighbouring ids give unrelated codes.
        var next = new Guid([.. id.ToByteArray()[..15], (byte)(id.ToByteArray()[15] ^ 1)]);
        tokens.TokenFor(next)[..10].ShouldNotBe(token[..10]);
    }

    [Fact]
    public void an_altered_code_a_code_of_another_secret_or_a_result_link_finds_no_dossier()
    {
        var tokens = Tokens();
        var id = Guid.NewGuid();
        var token = tokens.TokenFor(id);
        for (var i = 0; i < token.Length; i++)
        {
            var altered = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            tokens.DossierOf(altered).ShouldBeNull($"position {i}");
        }
        tokens.DossierOf(Tokens("another-secret-of-at-least-thirty-two-chars").TokenFor(id)).ShouldBeNull();
        var resultLink = new ResultLinks(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Lookup:ResultLinkSecret"] = "a-secret-of-at-least-thirty-two-characters!" }).Build(),
            new HostingEnvironment { EnvironmentName = Environments.Production }).TokenFor(id);
        tokens.DossierOf(resultLink).ShouldBeNull();
        tokens.DossierOf("not a code").ShouldBeNull();
        tokens.DossierOf(new string('A', EvaluationTokens.Length)).ShouldBeNull();
    }

    [Fact]
    public void the_form_names_every_missing_or_wrong_answer()
    {
        new EvaluationBody(null, null, null, null, null).Check().Errors.Keys
            .ShouldBe(["contactsToComplete", "agenciesContacted", "attitude", "satisfaction"], ignoreOrder: true);
        var wrong = new EvaluationBody(-1, EvaluationScale.MaxCount + 1, Attitude.Courteous, Satisfaction.Satisfied, new string('x', 1001)).Check();
        wrong.Errors.Keys.ShouldBe(["contactsToComplete", "agenciesContacted", "comment"], ignoreOrder: true);
        wrong.Errors["contactsToComplete"].ShouldBe(["must be a whole number from 0 to 50."]);
        new EvaluationBody(0, 1, Attitude.Courteous, Satisfaction.Satisfied, "Tốt\u0007").Check().Errors.Keys.ShouldBe(["comment"]);
        new EvaluationBody(0, 0, Attitude.Discourteous, Satisfaction.NotSatisfied, null).Check().IsValid.ShouldBeTrue();
    }

    [Fact]
    public void the_questions_offer_what_the_body_takes_with_the_scale_of_each_choice()
    {
        EvaluationPage.Form.Select(q => q.Field).ShouldBe(["contactsToComplete", "agenciesContacted", "attitude", "satisfaction", "comment"]);
        EvaluationPage.Form.Single(q => q.Field == "satisfaction").Choices!.Select(c => (c.Value, c.Score))
            .ShouldBe([("verySatisfied", 2), ("satisfied", 1), ("notSatisfied", 0)]);
        EvaluationPage.Form.Single(q => q.Field == "attitude").Choices!.Select(c => c.Value).ShouldBe(["courteous", "adequate", "discourteous"]);
        EvaluationPage.Form.Single(q => q.Field == "comment").MaxLength.ShouldBe(EvaluationScale.MaxComment);
    }
}
