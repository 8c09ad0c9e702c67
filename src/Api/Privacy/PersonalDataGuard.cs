using Dossiers.Api.Auth;
using Dossiers.Engine;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Api.Privacy;

/// <summary>
/// Lets a caller read a dossier's personal data only when their unit works on it (<see cref="DossierAccess"/>), and
/// records every attempt, granted or not. Endpoints that show applicants' names, numbers or addresses go through here.
/// </summary>
public sealed class PersonalDataGuard(AccessLogWriter log, TimeProvider clock)
{
    /// <summary>Null when the caller may read the dossier; otherwise the 403 to answer. Recorded either way.</summary>
    public async Task<IResult?> Dossier(HttpContext http, Dossier dossier, CancellationToken ct)
    {
        var actor = CurrentActor.From(http.User);
        var granted = DossierAccess.MayRead(dossier, actor);
        await Record(http, actor, dossier.Id.ToString(), dossier.Id, granted, ct);
        return granted ? null : Refused(DossierAccess.Refusal(dossier, actor));
    }

    /// <summary>A centre's register (Mẫu 06) lists applicants: its own staff, auditors and controllers read it.</summary>
    public Task<IResult?> Register(HttpContext http, string agency, string period, CancellationToken ct) =>
        CentreList(http, agency, $"register {agency} {period}", "register", ct);

    /// <summary>
    /// A list a centre keeps of its applicants (the register, the results waiting to be picked up): its own staff,
    /// auditors and controllers read it. Null when granted; otherwise the 403 to answer. Recorded either way.
    /// </summary>
    public async Task<IResult?> CentreList(HttpContext http, string agency, string subject, string what, CancellationToken ct)
    {
        var actor = CurrentActor.From(http.User);
        var granted = actor.ReadsEverything || actor.Agency == agency;
        await Record(http, actor, subject, null, granted, ct);
        return granted ? null : Refused($"This is the {what} of {agency}; you act for {actor.Agency ?? "no unit"}.");
    }

    /// <summary>
    /// A search's answer: the query already kept it to the caller's jurisdiction (<see cref="DossierAccess"/>), so it is
    /// recorded as one granted list read naming the dossiers it showed (<paramref name="dossierId"/> when it showed one).
    /// </summary>
    public Task Search(HttpContext http, string subject, Guid? dossierId, CancellationToken ct) =>
        Record(http, CurrentActor.From(http.User), subject, dossierId, true, ct);

    /// <summary>
    /// A record outside any dossier that holds personal data (a citizen feedback's contact), named by
    /// <paramref name="subject"/>: the caller decided <paramref name="granted"/>. Null when granted; otherwise the 403
    /// with <paramref name="refusal"/>. Recorded either way.
    /// </summary>
    public async Task<IResult?> Record(HttpContext http, string subject, bool granted, string refusal, CancellationToken ct)
    {
        await Record(http, CurrentActor.From(http.User), subject, null, granted, ct);
        return granted ? null : Results.Problem(statusCode: 403, title: "Not yours to read", detail: refusal);
    }

    private Task Record(HttpContext http, Actor actor, string subject, Guid? dossierId, bool granted, CancellationToken ct) =>
        log.Write(new PersonalDataRead(Guid.CreateVersion7(), subject, dossierId, actor.User, actor.Role, actor.Agency,
            $"{http.Request.Method} {http.Request.Path}", granted, clock.GetUtcNow()), ct);

    private static IResult Refused(string detail) => Results.Problem(statusCode: 403, title: "Not your dossier", detail: detail);
}
