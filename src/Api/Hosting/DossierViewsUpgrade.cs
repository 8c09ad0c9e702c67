using Dossiers.Projections;
using Marten;
using Marten.Schema;

namespace Dossiers.Api.Hosting;

/// <summary>
/// A store written before the five asynchronous read models became one daemon projection (<see
/// cref="ProjectionsRegistration.DossierViews"/>) has each read model's progression but none for the projection. Left
/// so, the daemon would start it at event 0 and fold the whole history again onto documents that already hold it (a
/// control slip's rows twice). Before the daemon starts, the projection takes the position every read model had
/// reached: the lowest of theirs. A daemon stopped while caught up left them equal; `rebuild` after an upgrade
/// (README, Operations) makes the read models exact whatever they were.
/// </summary>
public sealed class DossierViewsUpgrade(string schema) : IInitialData
{
    // The progression table may not exist yet (a production node started before `resources setup`): nothing to move.
    public Task Populate(IDocumentStore store, CancellationToken cancellation) =>
        StartupSql.Run(store, $"""
            do $$ begin
              if to_regclass('{schema}.mt_event_progression') is not null then
                insert into {schema}.mt_event_progression (name, last_seq_id)
                select '{ProjectionsRegistration.DossierViews}:All', min(last_seq_id) from {schema}.mt_event_progression
                where name in ({string.Join(", ", ProjectionsRegistration.DossierViewsReadModels().Select(m => $"'{m.Name}:All'"))})
                having count(*) > 0
                on conflict (name) do nothing;
              end if;
            end $$
            """, cancellation);
}
