using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Search;
using Marten;
using Npgsql;

namespace Dossiers.Api.Search;

/// <summary>One page of rows and the sort key of each, straight from PostgreSQL (Marten's LINQ has no trigram operators).</summary>
public sealed class DossierSearchSql(NpgsqlDataSource database, IDocumentStore store)
{
    private readonly string _entries = store.Options.FindOrResolveDocumentType(typeof(DossierSearchEntry)).TableName.QualifiedName;
    private readonly string _dossiers = store.Options.FindOrResolveDocumentType(typeof(Dossier)).TableName.QualifiedName;

    /// <summary>
    /// The caller's jurisdiction, the same rule as reading a dossier's personal data (<see cref="DossierAccess"/>), on
    /// the inline dossier itself: its participants now, not the search entry's a moment behind.
    /// </summary>
    public string Jurisdiction => $"exists (select 1 from {_dossiers} d where d.id = s.id and d.data -> 'participants' @> jsonb_build_array(@unit::text))";

    public async Task<IReadOnlyList<(DossierSearchEntry Entry, long Key)>> Page(string select, string where, string order, int take,
        IEnumerable<NpgsqlParameter> parameters, CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            $"select s.data, {select} as sort_key from {_entries} s where {where} order by {order} limit {take}");
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var serializer = store.Options.Serializer();
        var rows = new List<(DossierSearchEntry, long)>();
        while (await reader.ReadAsync(ct))
            rows.Add((serializer.FromJson<DossierSearchEntry>(reader, 0), reader.GetInt64(1)));
        return rows;
    }
}
