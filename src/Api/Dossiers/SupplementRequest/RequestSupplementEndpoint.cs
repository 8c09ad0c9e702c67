using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <param name="Items">Everything missing, in one request (Mẫu 02 guides the applicant once).</param>
/// <param name="AcknowledgeViolation">Set to record a request beyond the procedure's limit as a violation.</param>
public sealed record SupplementRequestBody(List<string>? Items, string? Reason, bool? AcknowledgeViolation, long? ExpectedVersion) : ICommandBody
{
    public const int MaxItems = 50;

    public RequestCheck Check()
    {
        var check = new RequestCheck().Required("items", Items).RequiredText("reason", Reason, 1000);
        if (Items is { Count: 0 }) check.Fail("items", "must list every missing item (at least one).");
        if (Items is { Count: > MaxItems }) check.Fail("items", $"must list at most {MaxItems} items.");
        for (var i = 0; i < Math.Min(Items?.Count ?? 0, MaxItems); i++) check.RequiredText($"items[{i}]", Items![i], 300);
        return check;
    }
}

/// <summary>Asks the applicant for everything missing, once (Mẫu 02); the legal clock stops.</summary>
public static class RequestSupplementEndpoint
{
    [WolverinePost("/api/dossiers/{id}/supplement-requests"), Authorize(Roles = Roles.AgencyStaff), DossierCommand]
    public static Task<DossierDecision> Post(SupplementRequestBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.RequestSupplement([.. b.Items!.Select(i => i.Trim())], b.Reason!.Trim(), b.AcknowledgeViolation ?? false));
}
