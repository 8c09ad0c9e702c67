using Dossiers.Engine.Calendars;
using Dossiers.Engine;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;

namespace Dossiers.Api.Dossiers;

/// <param name="AllowedActions">What the caller may do on this task now (acknowledge, complete).</param>
public sealed record TaskView(string TaskId, string ActivityId, string Agency, string Title, DateTimeOffset DueAt, string State,
    HandOver? HandOver, DateTimeOffset ActivatedAt, IReadOnlyList<string> AllowedActions);

/// <summary>
/// A dossier as one member of staff sees it: the internal status beside the national portal's code, and what they may
/// do next on it and on each task (<see cref="NextActions"/>).
/// </summary>
public sealed record DossierView(
    Guid Id,
    string? Code,
    string ProcedureCode,
    string DefinitionId,
    int DefinitionVersion,
    Channel Channel,
    DossierStatus Status,
    int DvcqgStatus,
    long Version,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? AcceptanceDueAt,
    DateTimeOffset? AcceptedAt,
    string? ReceivingAgency,
    string? CompetentCommune,
    string? PickupCentre,
    Budget? LegalTime,
    DateTimeOffset? DueAt,
    DateTimeOffset? OriginalDueAt,
    bool Paused,
    PauseReason? PauseReason,
    IReadOnlyList<TaskView> Tasks,
    int SupplementRequests,
    int Reschedules,
    bool LateForScoring,
    ResultKind? Result,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<string> AllowedActions,
    string? PortalReference = null,
    DateTimeOffset? IntakeAnsweredAt = null,
    bool IntakeOverdue = false,
    bool IntakeLate = false)
{
    public static DossierView Of(Dossier d, Actor caller, ProcedureInfo procedure) => new(
        d.Id, d.Code, d.ProcedureCode, d.DefinitionId, d.DefinitionVersion, d.Channel, d.Status,
        global::Dossiers.Engine.Dossiers.DvcqgStatus.Of(d.Status), d.Version, d.SubmittedAt, d.AcceptanceDueAt, d.AcceptedAt,
        d.ReceivingAgency, d.CompetentCommune, d.PickupCentre, d.LegalTime, d.DueAt, d.OriginalDueAt, d.Pause is not null, d.Pause?.Reason,
        [.. d.Tasks.Values.OrderBy(t => t.DueAt).ThenBy(t => t.TaskId, StringComparer.Ordinal).Select(t =>
            new TaskView(t.TaskId, t.ActivityId, t.Agency, t.Title, t.DueAt, t.Acknowledged ? "open" : "awaiting-acknowledgement", t.HandOver,
                t.ActivatedAt, NextActions.ForTask(d, t, caller)))],
        d.SupplementRequests, d.Reschedules, d.LateForScoring, d.Result, d.ResolvedAt, NextActions.For(d, caller, procedure),
        d.PortalReference, d.IntakeAnsweredAt, d.IntakeOverdue, d.IntakeLate);
}
