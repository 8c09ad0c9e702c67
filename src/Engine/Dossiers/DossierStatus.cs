namespace Dossiers.Engine.Dossiers;

/// <summary>Internal lifecycle states (DOMAIN.md §2.7); each maps to one DVCQG TrangThaiHoSo code.</summary>
public enum DossierStatus
{
    Submitted,
    Received,
    Refused,
    InProcess,
    AwaitingSupplement,
    AwaitingPayment,
    WithdrawalRequested,
    Stopped,
    Resolved,
    Returned,
}

public static class DvcqgStatus
{
    /// <summary>The national portal's status code 1–10 for an internal status.</summary>
    public static int Of(DossierStatus status) => status switch
    {
        DossierStatus.Submitted => 1,
        DossierStatus.Received => 2,
        DossierStatus.Refused => 3,
        DossierStatus.InProcess => 4,
        DossierStatus.AwaitingSupplement => 5,
        DossierStatus.AwaitingPayment => 6,
        DossierStatus.WithdrawalRequested => 7,
        DossierStatus.Stopped => 8,
        DossierStatus.Resolved => 9,
        DossierStatus.Returned => 10,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
