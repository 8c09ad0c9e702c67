using Dossiers.Api.Dossiers;
using Dossiers.Api.Validation;
using Dossiers.Engine.Dossiers;
using Dossiers.Engine.Workflows;
using JasperFx;
using Marten;
using Marten.Linq.MatchesSql;
using Wolverine;
using Wolverine.Marten;

namespace Dossiers.Api.Workflows.Migration;

/// <param name="StepMapping">Each active step of the source version → the step of the target version where it continues.</param>
/// <param name="ReceivingCentre">Only the dossiers this service centre received: a control office moves one centre at a time.</param>
/// <param name="After">The <c>next</c> of the previous answer: carries on after that dossier (dossiers go in id order).</param>
/// <param name="Limit">Dossiers in one answer, at most <see cref="MaxLimit"/>.</param>
public sealed record BulkMigrationBody(int? ToVersion, Dictionary<string, string>? StepMapping, string? Reason, string? ReceivingCentre,
    Guid? After, int? Limit)
{
    /// <summary>One call migrates a page of dossiers, each in its own transaction, so a request stays well under a minute.</summary>
    public const int MaxLimit = 500;

    /// <summary>The fields of one dossier's migration, checked by its own body, and the page.</summary>
    public RequestCheck Check()
    {
        var check = new MigrateBody(ToVersion, StepMapping, Reason, null).Check().Text("receivingCentre", ReceivingCentre, 200);
        if (Limit is < 1 or > MaxLimit) check.Fail("limit", $"must be between 1 and {MaxLimit}.");
        return check;
    }
}

/// <summary>
/// One bulk migration of a workflow version's running dossiers: which dossiers (a page of them), the command each one
/// gets, and its decision by the pure decider through <see cref="CommandScope.Judge"/>, the path every dossier command
/// takes. Previewing judges the stored state and saves nothing; migrating judges each dossier again under its stream
/// lock, in a transaction of its own, and saves exactly what <c>POST /api/dossiers/{id}/migrate</c> would.
/// </summary>
public sealed class BulkMigration
{
    private readonly string _definitionId;
    private readonly int _fromVersion;
    private readonly BulkMigrationBody _body;
    private readonly DossierCommand.MigrateVersion _command;
    private readonly CommandRequest _request;
    private readonly CommandPipeline _pipeline;

    private BulkMigration(string definitionId, int fromVersion, BulkMigrationBody body, WorkflowDefinition target, CommandRequest request,
        CommandPipeline pipeline)
    {
        (_definitionId, _fromVersion, _body, _request, _pipeline) = (definitionId, fromVersion, body, request, pipeline);
        _command = new DossierCommand.MigrateVersion(target, body.StepMapping!, body.Reason!.Trim());
    }

    public int ToVersion => _command.Target.Version;

    /// <summary>The migration a request asks for, or the answer refusing it: 400 naming a header or field, 404 an unknown source version.</summary>
    public static async Task<(BulkMigration?, IResult?)> Start(string definitionId, int version, BulkMigrationBody body, HttpContext http,
        CommandPipeline pipeline, IQuerySession session, CancellationToken ct)
    {
        var (request, badHeader) = CommandRequest.Read(http);
        if (request is null) return (null, badHeader);
        if (body.Check() is { IsValid: false } check) return (null, Results.Problem(check.Result()));
        if (await pipeline.Library.Find(session, definitionId, version, ct) is null)
            return (null, Results.Problem(statusCode: 404, title: "Workflow version not found", detail: $"{definitionId} has no published version {version}."));
        try
        {
            var target = await MigrationTarget.Find(pipeline.Library, session, definitionId, body.ToVersion!.Value, ct);
            return (new BulkMigration(definitionId, version, body, target, request, pipeline), null);
        }
        catch (CommandRejected rejected) { return (null, CommandResults.Rejected(rejected, [])); }
    }

    /// <summary>
    /// The next page of running dossiers on the source version (in id order, after the caller's cursor), and how many
    /// running ones come after it. Read from the inline Dossier documents, which are never behind the events.
    /// </summary>
    public async Task<(IReadOnlyList<Dossier> Page, int Remaining)> Candidates(IQuerySession session, CancellationToken ct)
    {
        var limit = _body.Limit ?? BulkMigrationBody.MaxLimit;
        var page = await Running(session).OrderBy(d => d.Id).Take(limit).ToListAsync(ct);
        var remaining = page.Count < limit ? 0 : await Running(session).CountAsync(ct) - page.Count;
        return (page, remaining);
    }

    private IQueryable<Dossier> Running(IQuerySession session)
    {
        var (definitionId, version, ended) = (_definitionId, _fromVersion, Dossier.TerminalStatuses);
        var query = session.Query<Dossier>().Where(d => d.DefinitionId == definitionId && d.DefinitionVersion == version && !d.Status.IsOneOf(ended));
        if (_body.ReceivingCentre?.Trim() is { Length: > 0 } centre) query = query.Where(d => d.ReceivingAgency == centre);
        if (_body.After is { } after) query = query.Where(d => d.MatchesSql("d.id > ?", after));
        return query;
    }

    /// <summary>What migrating this dossier would do, decided on its stored state; nothing is saved.</summary>
    public async Task<MigrationPreviewItem> Preview(Dossier dossier, IDocumentSession session, CancellationToken ct)
    {
        var verdict = await _pipeline.Open(_request, session, ct).Judge(dossier, Command);
        return new MigrationPreviewItem(dossier.Id, dossier.Code, dossier.Status, dossier.ActiveSteps,
            verdict.Rejection is null ? verdict.After.ActiveSteps : null, verdict.Rejection?.Message);
    }

    /// <summary>
    /// Migrates one dossier in a transaction of its own, under its stream lock: a command on it at the same moment
    /// goes before or after, and the decision is taken on the state that command left. A dossier refused by the
    /// decider, moved off the source version meanwhile, or still locked past the lock timeout is skipped and named.
    /// </summary>
    public async Task<MigrationResultItem> Migrate(Dossier listed, IServiceProvider services, CancellationToken ct)
    {
        // A scope per dossier: its own outbox, so timers scheduled for a save that then fails never ride on the next one.
        await using var own = services.CreateAsyncScope();
        var outbox = own.ServiceProvider.GetRequiredService<IMartenOutbox>();
        await using var session = own.ServiceProvider.GetRequiredService<IDocumentStore>().LightweightSession();
        outbox.Enroll(session);
        try
        {
            var stream = await session.Events.FetchForExclusiveWriting<Dossier>(listed.Id, ct);
            if (stream.Aggregate is not { } dossier)
                return MigrationResultItem.Skipped(listed, "The dossier is gone.");
            if (dossier.DefinitionId != _definitionId || dossier.DefinitionVersion != _fromVersion)
                return MigrationResultItem.Skipped(dossier, $"It moved to {dossier.DefinitionId} v{dossier.DefinitionVersion} meanwhile.");
            var scope = _pipeline.Open(_request, session, ct);
            var verdict = await scope.Judge(dossier, Command);
            if (verdict.Rejection is { } rejected) return MigrationResultItem.Skipped(dossier, rejected.Message);

            stream.AppendMany(verdict.Events);
            foreach (var (timer, delay) in scope.Delays(verdict.Events))
                await outbox.ScheduleAsync(timer, delay);
            await session.SaveChangesAsync(ct);
            return MigrationResultItem.Migrated(dossier, verdict.After.ActiveSteps);
        }
        catch (Exception e) when (e is ConcurrencyException or Marten.Exceptions.StreamLockedException or JasperFx.Events.StreamLockedException)
        {
            Observability.Telemetry.Races.Add(1, new KeyValuePair<string, object?>("kind", "bulk-migration"));
            return MigrationResultItem.Skipped(listed, "Another change to it was in progress; run the migration again for it.");
        }
    }

    // Every dossier gets the same command: the target was found once, and all of them are on one definition.
    private Task<DossierCommand> Command(WorkflowDefinition current) => Task.FromResult<DossierCommand>(_command);
}

public sealed record MigrationPreviewItem(Guid Id, string? Code, DossierStatus Status, IReadOnlyList<string> ActiveSteps,
    IReadOnlyList<string>? LandsOn, string? Reason);

public enum MigrationOutcome { Migrated, Skipped }

public sealed record MigrationResultItem(Guid Id, string? Code, MigrationOutcome Outcome, IReadOnlyList<string>? LandedOn, string? Reason)
{
    public static MigrationResultItem Migrated(Dossier dossier, IReadOnlyList<string> landedOn) =>
        new(dossier.Id, dossier.Code, MigrationOutcome.Migrated, landedOn, null);

    public static MigrationResultItem Skipped(Dossier dossier, string reason) => new(dossier.Id, dossier.Code, MigrationOutcome.Skipped, null, reason);
}

/// <param name="Remaining">Running dossiers on the source version after this page: when not 0, send the request again with <c>after</c> = <c>next</c>.</param>
public sealed record MigrationPreview(string DefinitionId, int FromVersion, int ToVersion, int Total, int Migratable, int NotMigratable,
    int Remaining, Guid? Next, IReadOnlyList<MigrationPreviewItem> Dossiers);

/// <param name="Remaining">Running dossiers on the source version after this page: when not 0, send the request again with <c>after</c> = <c>next</c>.</param>
public sealed record MigrationReport(string DefinitionId, int FromVersion, int ToVersion, int Total, int Migrated, int Skipped,
    int Remaining, Guid? Next, IReadOnlyList<MigrationResultItem> Dossiers);
