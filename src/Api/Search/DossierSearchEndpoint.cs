using System.Globalization;
using System.Text.RegularExpressions;
using Dossiers.Api.Auth;
using Dossiers.Api.Dossiers;
using Dossiers.Api.Paging;
using Dossiers.Api.Privacy;
using Dossiers.Api.Validation;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Dossiers;
using Dossiers.Projections.Search;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using NpgsqlTypes;
using Wolverine.Http;

namespace Dossiers.Api.Search;

/// <summary>One dossier found: enough to tell it apart and open it (GET /api/dossiers/{id}).</summary>
public sealed record SearchHit(Guid Id, string? Code, string Applicant, string ProcedureCode, string ProcedureName, int Status, string StatusName,
    string? ReceivingAgency, DateTimeOffset? ReceivedAt, DateTimeOffset? AppointmentAt)
{
    public static SearchHit Of(DossierSearchEntry e) => new(e.Id, e.Code, e.ApplicantName, e.ProcedureCode, e.ProcedureName, e.Dvcqg,
        DvcqgStatus.Name(e.Status), e.ReceivingAgency, e.ReceivedAt, e.AppointmentAt);
}

/// <summary>A page of dossiers; <c>next</c> fetches the following page (absent on the last).</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Items, string? Next);

public static partial class DossierSearchEndpoint
{
    public const int DefaultLimit = 20, MaxLimit = 100, MaxQueryLength = 200;

    // A score above any similarity: the dossier whose code the query is comes first.
    private const long ExactCode = 10_000_000;

    /// <summary>The text as typed: the condition the typo pass swaps for its own.</summary>
    private const string ContainsText = "s.search_text like @contains";

    /// <summary>
    /// Finds dossiers by <paramref name="code"/> (exact) or by <paramref name="q"/> (applicant's name, identity number or
    /// code; accents and case do not matter), filtered by DVCQG <paramref name="status"/> (1–10 or a status name),
    /// <paramref name="procedure"/> code, receiving <paramref name="centre"/> and received dates
    /// <paramref name="from"/>..<paramref name="to"/> (yyyy-MM-dd); only dossiers the caller may read. Ranked: the exact
    /// code first, then by similarity; without q or code, newest received first. Pages of <paramref name="limit"/>
    /// (at most 100); <paramref name="next"/> is the previous page's cursor.
    /// </summary>
    [WolverineGet("/api/dossiers"), Authorize(Roles = Roles.DossierReaders)]
    [ProducesResponseType<SearchPage>(200), ProducesResponseType(400)]
    public static async Task<IResult> Search(string? q, string? code, string? status, string? procedure, string? centre, string? from, string? to,
        string? limit, string? next, IDocumentSession session, DossierSearchSql sql, AgencyRegistry agencies, PersonalDataGuard guard,
        HttpContext http, CancellationToken ct)
    {
        var check = new RequestCheck();
        if (q is not null && code is not null) check.Fail("code", "give q or code, not both.");
        check.Text("q", q, MaxQueryLength);
        var text = TextFold.Fold(q);
        if (q is not null && text.Length < 2) check.Fail("q", "must have at least 2 letters or digits.");
        check.Text("code", code, 60);
        if (code is not null && !CodePattern().IsMatch(code)) check.Fail("code", "must be a dossier code, e.g. 057.01.90.H48-260302-0001.");
        int? dvcqg = null;
        if (status is not null)
        {
            if (ParseStatus(status) is { } s) dvcqg = s;
            else check.Fail("status", "must be a DVCQG status 1–10 or a status name (submitted, received, inProcess, resolved, returned…).");
        }
        if (procedure is not null && !BoardFilter.IsProcedureCode(procedure)) check.Fail("procedure", "must be a procedure code, e.g. 1.004222.");
        if (centre is not null && !agencies.Contains(centre)) check.Fail("centre", "is not in the agency registry.");
        var pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxLimit))
            check.Fail("limit", $"must be a whole number from 1 to {MaxLimit}.");
        if (!check.IsValid) return Results.Problem(check.Result());
        Period? received = null;
        if (from is not null || to is not null)
        {
            if (!Period.TryParse(from, to, 3660, out var period, out var problem)) return problem!;
            received = period;
        }

        var actor = CurrentActor.From(http.User);
        var fingerprint = PageCursor.Fingerprint(text, code, dvcqg, procedure, centre, received?.First, received?.Last);
        PageCursor? cursor = null;
        if (next is not null && ((cursor = PageCursor.Decode(next, fingerprint)) is null || cursor.AfterGuid is null))
            return CommandResults.Invalid("next", "is not a cursor of this search: send the same query with the next value it answered.");

        var filters = Filters(dvcqg, procedure, centre, received);
        SearchPage page;
        if (code is not null) page = await ByCode(code, filters.Matches, session, actor, ct);
        else if (!actor.ReadsEverything && actor.Agency is null) page = new SearchPage([], null);   // no unit: no dossier is theirs
        else
        {
            var parameters = filters.Parameters;
            var where = new List<string>(filters.Sql);
            if (!actor.ReadsEverything)
            {
                where.Add(sql.Jurisdiction);
                parameters.Add(new NpgsqlParameter("unit", actor.Agency));
            }
            string key, order;
            string? fuzzy = null;   // the typo-tolerant condition, searched only when the exact one fills no page
            if (text.Length > 0)
            {
                // Word similarity finds the query inside the longer text (name, number and code together); the name's own
                // similarity then puts "Nguyễn Văn An" before "Nguyễn Văn Anh" for "nguyen van an".
                key = $"(case when s.data ->> 'codeKey' = @q then {ExactCode} else 0 end"
                    + " + 1001 * floor(1000 * word_similarity(@q, s.search_text))::bigint"
                    + " + round(1000 * similarity(@q, s.data ->> 'nameKey'))::bigint)";
                // A query of digits alone (an identity number, a code's number) must appear as typed: a number one
                // digit off is another person, not a misspelling.
                where.Add(ContainsText);
                // Typos: word similarity over the whole table is a scan (0.7 s on 100,000 entries for a common name),
                // so it runs only when the text as typed does not fill the page. Its rows rank below every row that
                // holds the text as typed (word similarity 1, floored below it otherwise), so the two join in one order.
                if (text.Any(char.IsLetter)) fuzzy = "(@q <% s.search_text and s.search_text not like @contains)";
                parameters.Add(new NpgsqlParameter("q", text));
                parameters.Add(new NpgsqlParameter("contains", $"%{text}%"));
                order = "sort_key desc, s.id";
            }
            else
            {
                key = "s.listed_order";
                order = "sort_key desc, s.id";
            }
            if (cursor is not null)
            {
                where.Add($"({key} < @afterKey or ({key} = @afterKey and s.id > @afterId))");
                parameters.Add(new NpgsqlParameter("afterKey", cursor.Key));
                parameters.Add(new NpgsqlParameter("afterId", cursor.AfterGuid!.Value));
            }
            var rows = await sql.Page(key, where.Count == 0 ? "true" : string.Join(" and ", where), order, pageSize + 1, parameters, ct);
            if (fuzzy is not null && rows.Count <= pageSize)
            {
                var typoWhere = where.Select(w => w == ContainsText ? fuzzy : w);
                var typos = await sql.Page(key, string.Join(" and ", typoWhere), order, pageSize + 1 - rows.Count,
                    parameters.Select(p => p.Clone()), ct);
                rows = [.. rows, .. typos];   // already in order: floor() keeps a typo's similarity below 1
            }
            var shown = rows.Take(pageSize).ToList();
            page = new SearchPage([.. shown.Select(r => SearchHit.Of(r.Entry))],
                rows.Count > pageSize ? new PageCursor(fingerprint, shown[^1].Key, shown[^1].Entry.Id).Encode() : null);
        }

        // Names are personal data: the search is on the access log, naming the dossiers it showed (not what was typed).
        var asked = string.Join(' ', new[]
        {
            text.Length > 0 ? "text" : null, code is not null ? "code" : null, dvcqg is { } st ? $"status={st}" : null,
            procedure is not null ? $"procedure={procedure}" : null, centre is not null ? $"centre={centre}" : null,
            received is { } r ? $"received={r.First:yyyy-MM-dd}..{r.Last:yyyy-MM-dd}" : null,
        }.OfType<string>());
        await guard.Search(http, $"search {asked}: {page.Items.Count} dossiers {string.Join(',', page.Items.Select(i => i.Id))}".TrimEnd(),
            page.Items.Count == 1 ? page.Items[0].Id : null, ct);
        return Results.Ok(page);
    }

    /// <summary>
    /// By code, from the inline dossier (Code is indexed): found the moment the desk accepts it, even before the daemon
    /// has written its search entry, whose latest state FetchLatest then folds from the events not applied yet.
    /// </summary>
    private static async Task<SearchPage> ByCode(string code, Func<DossierSearchEntry, bool> matches, IDocumentSession session, Engine.Actor actor,
        CancellationToken ct)
    {
        var dossier = await session.Query<Dossier>().Where(d => d.Code == code).FirstOrDefaultAsync(ct);
        // Another unit's dossier is answered like an unknown code: a search never tells what exists outside the caller's jurisdiction.
        if (dossier is null || !DossierAccess.MayRead(dossier, actor)) return new SearchPage([], null);
        var entry = await session.Events.FetchLatest<DossierSearchEntry>(dossier.Id, ct);
        return entry is not null && matches(entry) ? new SearchPage([SearchHit.Of(entry)], null) : new SearchPage([], null);
    }

    private sealed record FilterSet(List<string> Sql, List<NpgsqlParameter> Parameters, Func<DossierSearchEntry, bool> Matches);

    private static FilterSet Filters(int? dvcqg, string? procedure, string? centre, Period? received)
    {
        var sql = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        if (dvcqg is { } s)
        {
            sql.Add("(s.data ->> 'dvcqg')::int = @status");
            parameters.Add(new NpgsqlParameter("status", s));
        }
        if (procedure is not null)
        {
            sql.Add("s.data ->> 'procedureCode' = @procedure");
            parameters.Add(new NpgsqlParameter("procedure", procedure));
        }
        if (centre is not null)
        {
            sql.Add("s.data ->> 'receivingAgency' = @centre");
            parameters.Add(new NpgsqlParameter("centre", centre));
        }
        if (received is { } period)
        {
            sql.Add("(s.data ->> 'receivedAt')::timestamptz >= @receivedFrom and (s.data ->> 'receivedAt')::timestamptz < @receivedTo");
            parameters.Add(new NpgsqlParameter("receivedFrom", NpgsqlDbType.TimestampTz) { Value = period.Start.UtcDateTime });
            parameters.Add(new NpgsqlParameter("receivedTo", NpgsqlDbType.TimestampTz) { Value = period.End.UtcDateTime });
        }
        return new FilterSet(sql, parameters, e =>
            (dvcqg is null || e.Dvcqg == dvcqg) && (procedure is null || e.ProcedureCode == procedure)
            && (centre is null || e.ReceivingAgency == centre)
            && (received is null || e.ReceivedAt is { } at && at >= received.Start && at < received.End));
    }

    private static int? ParseStatus(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number is >= 1 and <= 10 ? number : null;
        return Enum.TryParse<DossierStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status) ? DvcqgStatus.Of(status) : null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9.\-]{1,60}$")]
    private static partial Regex CodePattern();
}
