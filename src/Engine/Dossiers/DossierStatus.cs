namespace Dossiers.Engine.Dossiers;

/// <summary>Internal lifecycle states (docs/domain.md §2); each maps to one DVCQG TrangThaiHoSo code.</summary>
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

    /// <summary>The national portal's name of the status, as citizens see it.</summary>
    public static string Name(DossierStatus status) => Of(status) switch
    {
        1 => "Mới đăng ký",
        2 => "Được tiếp nhận",
        3 => "Không được tiếp nhận",
        4 => "Đang xử lý",
        5 => "Yêu cầu bổ sung giấy tờ",
        6 => "Yêu cầu thực hiện nghĩa vụ tài chính",
        7 => "Công dân yêu cầu rút hồ sơ",
        8 => "Dừng xử lý",
        9 => "Đã xử lý xong",
        _ => "Đã trả kết quả",
    };
}

/// <summary>
/// How each event moves the internal status: one rule for the decider's own fold and for every read model that
/// shows a status, so they can never disagree.
/// </summary>
public static class DossierLifecycle
{
    /// <param name="started">An agency has already acknowledged or completed a step.</param>
    /// <param name="received">The desk has already accepted the dossier.</param>
    public static DossierStatus Next(DossierStatus current, object @event, bool started, bool received) => @event switch
    {
        DossierAccepted => DossierStatus.Received,
        DossierRefused => DossierStatus.Refused,
        TaskAcknowledged or TaskCompleted when current == DossierStatus.Received => DossierStatus.InProcess,
        SupplementRequested { AtIntake: true } => DossierStatus.AwaitingSupplement,
        SupplementReceived when !received => DossierStatus.Submitted,
        ClockPaused p => p.Reason == PauseReason.Supplement ? DossierStatus.AwaitingSupplement : DossierStatus.AwaitingPayment,
        ClockResumed => started ? DossierStatus.InProcess : DossierStatus.Received,
        WithdrawalRequested => DossierStatus.WithdrawalRequested,
        ProcessingStopped => DossierStatus.Stopped,
        ResultReady => DossierStatus.Resolved,
        ResultReturned => DossierStatus.Returned,
        _ => current,
    };
}
