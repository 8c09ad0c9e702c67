using Dossiers.Api.Auth;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using JasperFx.Events;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

public sealed record PaymentRequestBody(decimal? Amount, string? Reason, long? ExpectedVersion) : ICommandBody
{
    public RequestCheck Check()
    {
        var check = new RequestCheck().RequiredText("reason", Reason, 1000);
        if (Amount is < 0 or > 1_000_000_000_000m) check.Fail("amount", "must be between 0 and 1,000,000,000,000 VND.");
        return check;
    }
}

/// <summary>A financial obligation to meet before work goes on; the legal clock stops.</summary>
public static class RequestPaymentEndpoint
{
    [WolverinePost("/api/dossiers/{id}/payment-requests"), Authorize(Roles = Roles.AgencyStaff), DossierCommand]
    public static Task<DossierDecision> Post(PaymentRequestBody body, [DossierStream] IEventStream<Dossier> dossier, [NotBody] CommandScope scope) =>
        scope.Decide(dossier, body, b => new DossierCommand.RequestPayment(b.Amount, b.Reason!.Trim()));
}
