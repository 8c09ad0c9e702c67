using Dossiers.Engine;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Dossiers;

namespace Dossiers.Projections.Registers;

/// <summary>
/// One row of the control slip (Mẫu 05 Phiếu kiểm soát quá trình giải quyết hồ sơ): who handed the dossier over,
/// who took it and when, and the receiving step's result against its budget (trước hạn / đúng hạn / quá hạn).
/// </summary>
public sealed record SlipRow(
    int Number,
    string FromAgency,
    string FromUser,
    DateTimeOffset GivenAt,
    string ToAgency,
    string? ToUser,
    DateTimeOffset? ReceivedAt,
    string? TaskId,
    string? Step,
    DateTimeOffset? DueAt,
    Timeliness? Result,
    string? Note);

/// <summary>
/// The dossier's paper trail (hồ sơ): what Mẫu 01 (receipt and appointment), Mẫu 05 (control slip) and a line of
/// Mẫu 06 (the desk's register) print. Inline: a slip printed right after a hand-over shows it.
/// </summary>
public sealed record DossierFile
{
    public Guid Id { get; init; }
    public string? Code { get; init; }
    public int? RegisterNumber { get; init; }
    public string ProcedureCode { get; init; } = "";
    public string ProcedureName { get; init; } = "";
    public Channel Channel { get; init; }
    public Applicant Applicant { get; init; } = new("", null, null, null, null);
    public IReadOnlyList<DossierDocument> Documents { get; init; } = [];
    public DateTimeOffset SubmittedAt { get; init; }
    public string? ReceivingAgency { get; init; }
    public string? ReceivedBy { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public Budget? LegalTime { get; init; }
    public DateTimeOffset? AppointmentAt { get; init; }
    public DateTimeOffset? OriginalAppointmentAt { get; init; }
    public DateTimeOffset? TransferredAt { get; init; }
    public DateTimeOffset? ResultReadyAt { get; init; }
    public ResultKind? Result { get; init; }
    public Timeliness? Timeliness { get; init; }
    public DateTimeOffset? ReturnedAt { get; init; }
    public string? ReturnedBy { get; init; }
    public IReadOnlyList<SlipRow> Slip { get; init; } = [];
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Milliseconds since 1970 of <see cref="ReceivedAt"/>: the register's page order (with the id), stored and indexed.</summary>
    public long ReceivedOrder => ReceivedAt?.ToUnixTimeMilliseconds() ?? 0;

    // Not named Apply/Create/Evolve: Marten would take them as conventions beside the explicit projection.
    public static DossierFile? Next(DossierFile? file, object @event) => (file, @event) switch
    {
        (null, DossierSubmitted e) => new DossierFile
        {
            Id = e.DossierId, ProcedureCode = e.ProcedureCode, ProcedureName = e.ProcedureName, Channel = e.Channel,
            Applicant = e.Applicant, Documents = e.Documents, SubmittedAt = e.SubmittedAt,
        },
        (null, _) => null,
        ({ } f, _) => f.After(@event),
    };

    private DossierFile After(object @event) => @event switch
    {
        DossierAccepted e => this with
        {
            Code = e.Code, RegisterNumber = e.RegisterNumber, ReceivingAgency = e.ReceivingAgency, ReceivedBy = e.AcceptedBy.User,
            ReceivedAt = e.AcceptedAt, LegalTime = e.LegalTime, AppointmentAt = e.DueAt, OriginalAppointmentAt = e.DueAt,
        },
        TaskActivated { HandOver: { } h } e => this with
        {
            TransferredAt = TransferredAt ?? e.ActivatedAt,
            Slip = [.. Slip, new SlipRow(Slip.Count + 1, h.FromAgency, h.FromUser, e.ActivatedAt, e.Agency, null, null, e.TaskId, e.Title, e.DueAt, null, null)],
        },
        TaskReassigned e => Reassigned(e),
        TaskAcknowledged e => Row(e.TaskId, r => r with { ToUser = e.AcknowledgedBy.User, ReceivedAt = e.AcknowledgedAt }),
        TaskCompleted e => Row(e.TaskId, r => r with { Result = e.Timeliness, Note = e.Note }),
        ClockResumed e => Rows(r => r.TaskId is { } t && e.TaskDueAt.TryGetValue(t, out var due) && r.Result is null ? r with { DueAt = due } : r),
        ApologyIssued e => this with { AppointmentAt = e.NewDueAt, Notes = [.. Notes, $"Xin lỗi, hẹn lại {e.NewDueAt:dd/MM/yyyy HH:mm}: {e.Reason}"] },
        SupplementRequested e => this with { Notes = [.. Notes, $"Yêu cầu bổ sung ({string.Join("; ", e.Items)}): {e.Reason}"] },
        DossierRefused e => this with { Notes = [.. Notes, $"Từ chối tiếp nhận: {e.Reason}"] },
        WithdrawalRequested e => this with { Notes = [.. Notes, $"Công dân rút hồ sơ: {e.Reason}"] },
        ProcessingStopped e => this with { Notes = [.. Notes, $"Dừng xử lý: {e.Reason}"] },
        ResultReady e => this with { ResultReadyAt = e.ReadyAt, Result = e.Kind, Timeliness = e.LegalTimeliness },
        ResultReturned e => this with
        {
            ReturnedAt = e.ReturnedAt, ReturnedBy = e.ReturnedBy.User,
            Slip = [.. Slip, new SlipRow(Slip.Count + 1, ReceivingAgency ?? "", e.ReturnedBy.User, e.ReturnedAt, Applicant.Name, Applicant.Name,
                e.ReturnedAt, null, "Trả kết quả", OriginalAppointmentAt, Timeliness, e.Note)],
        },
        _ => this,
    };

    /// <summary>A task moved to another unit: a new hand-over row for the same step, with the reason as its note.</summary>
    private DossierFile Reassigned(TaskReassigned e)
    {
        var held = Slip.LastOrDefault(r => r.TaskId == e.TaskId);
        return this with
        {
            Slip = [.. Slip, new SlipRow(Slip.Count + 1, e.FromAgency, e.ReassignedBy.User, e.ReassignedAt, e.ToAgency, null, null, e.TaskId,
                held?.Step ?? e.TaskId, held?.DueAt, null, e.Reason)],
        };
    }

    // A task moved to another agency has a row per hand-over: what happens next concerns the latest.
    private DossierFile Row(string taskId, Func<SlipRow, SlipRow> change)
    {
        var latest = Slip.LastOrDefault(r => r.TaskId == taskId);
        return latest is null ? this : Rows(r => ReferenceEquals(r, latest) ? change(r) : r);
    }

    private DossierFile Rows(Func<SlipRow, SlipRow> change) => this with { Slip = [.. Slip.Select(change)] };
}
