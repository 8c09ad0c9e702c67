using Dossiers.Api.Workflows;
using Dossiers.Engine.Agencies;
using Dossiers.Engine.Calendars;
using Dossiers.Engine.Workflows;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Dossiers.Api.Catalogue;

/// <summary>Where a procedure may be filed: any service centre of the province, or only the competent commune's.</summary>
public sealed record FilingPlaces(bool AnyCentreOfTheProvince, string Rule, IReadOnlyList<PublicCentre> Centres);

public sealed record PublicCentre(string Code, string Name);

/// <summary>A procedure as the centre must publish it: no token, nothing about any dossier.</summary>
public sealed record PublicProcedure(string Code, string Name, string Level, Budget LegalTime, string LegalTimeText, IReadOnlyList<Fee> Fees,
    IReadOnlyList<RequiredDocument> Documents, string? LegalBasis, FilingPlaces WhereToFile);

public sealed record PublicCatalogue(IReadOnlyList<PublicProcedure> Items);

/// <summary>
/// The public list of procedures (danh mục thủ tục hành chính) the centre serves: code, name, legal time, fees, the
/// documents to bring and where to file, from the version a new dossier would start on today. Anonymous and cacheable.
/// </summary>
public static class PublicCatalogueEndpoints
{
    [WolverineGet("/api/public/procedures"), AllowAnonymous]
    [ProducesResponseType<PublicCatalogue>(200)]
    public static async Task<IResult> List(WorkflowLibrary library, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var latest = (await library.Published(session, ct)).GroupBy(d => d.Procedure.Code).Select(g => g.MaxBy(d => d.Version)!);
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Ok(new PublicCatalogue([.. latest.Select(d => Of(d.Procedure, library.Agencies))]));
    }

    [WolverineGet("/api/public/procedures/{code}"), AllowAnonymous]
    [ProducesResponseType<PublicProcedure>(200), ProducesResponseType(404)]
    public static async Task<IResult> Get(string code, WorkflowLibrary library, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        if (await library.Latest(session, code, ct) is not { } definition)
            return Results.Problem(statusCode: 404, title: "No such procedure", detail: $"The centre serves no procedure {code}. See /api/public/procedures.");
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Ok(Of(definition.Procedure, library.Agencies));
    }

    private static PublicProcedure Of(ProcedureInfo p, AgencyRegistry agencies) => new(p.Code, p.Name, p.Level, p.LegalTime,
        p.LegalTime.ToVietnamese(), p.Fees, p.Documents, p.LegalBasis, new FilingPlaces(p.BoundaryFree,
            p.BoundaryFree
                ? "Nộp tại bất kỳ Trung tâm Phục vụ hành chính công nào trong tỉnh, không phụ thuộc địa giới hành chính, hoặc trực tuyến."
                : "Nộp tại Trung tâm Phục vụ hành chính công của xã, phường nơi có thẩm quyền giải quyết, hoặc trực tuyến.",
            [.. agencies.All.Where(a => a.Kind == AgencyKinds.ServiceCentre).OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => new PublicCentre(a.Code, a.Name))]));
}
