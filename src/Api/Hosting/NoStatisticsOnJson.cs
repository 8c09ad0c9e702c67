using Marten;
using Marten.Schema;

namespace Dossiers.Api.Hosting;

/// <summary>
/// PostgreSQL gathers no statistics on the JSON columns of our tables: the documents' and events' <c>data</c>, the
/// events' <c>headers</c>. Autoanalyze samples up to 30,000 rows of a table whose rows changed enough and sorts every
/// column's values to find the common ones; for <c>jsonb</c> that means comparing whole documents, and under load it
/// was 3.5 % of PostgreSQL's time (bench/README.md). No query here is planned from those figures: what we select on is
/// a column of its own or an expression index, whose statistics are kept as before. Set on every start, for the
/// columns that still have them, so a table Marten added since gets it too. It is safe on a serving node, and on
/// several starting at once: it changes no table's shape, waits at most a second for a table, and a node whose role does
/// not own the tables leaves them as they are.
/// </summary>
public sealed class NoStatisticsOnJson(string schema) : IInitialData
{
    public Task Populate(IDocumentStore store, CancellationToken cancellation) =>
        StartupSql.Run(store, $"""
            do $$
            declare json_column record;
            begin
              perform set_config('lock_timeout', '1s', true);
              for json_column in
                select c.relname as table_name, a.attname as column_name
                from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = '{schema}' and c.relkind in ('r', 'p') and a.atttypid = 'jsonb'::regtype
                  and a.attnum > 0 and not a.attisdropped and a.attstattarget <> 0
              loop
                begin
                  execute format('alter table %I.%I alter column %I set statistics 0', '{schema}', json_column.table_name, json_column.column_name);
                exception when insufficient_privilege or lock_not_available then
                  null;   -- not the tables' owner, or a table busy for a second: the next start tries again
                end;
              end loop;
            end $$
            """, cancellation);
}
