using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Wolverine.Configuration;
using Wolverine.Attributes;
using Wolverine.Http;

namespace Dossiers.Api.Dossiers;

/// <summary>
/// Runs before every dossier command endpoint (after Wolverine loaded and locked the dossier): reads the request's
/// headers (400 when one is malformed) and opens the command's <see cref="CommandScope"/> on Wolverine's session.
/// </summary>
public static class DossierCommandMiddleware
{
    public static (CommandScope?, IResult) Before(HttpContext http, IDocumentSession session, CommandPipeline pipeline)
    {
        var (request, problem) = CommandRequest.Read(http);
        return request is null
            ? (null, problem!)
            : (pipeline.Open(request, session, http.RequestAborted), WolverineContinue.Result());
    }
}

/// <summary>
/// Marks an endpoint as a dossier command: <see cref="DossierCommandMiddleware"/> runs before it, and the OpenAPI
/// document lists the answers every command may give.
/// </summary>
public sealed class DossierCommandAttribute() : MiddlewareAttribute(typeof(DossierCommandMiddleware))
{
    /// <summary>The command starts a stream (a dossier, or one of its own beside a dossier): 201 with Location.</summary>
    public bool Creates { get; init; }

    /// <summary>What a success answers: the dossier, or the document of the stream the command acts on (a feedback, an explanation request).</summary>
    public Type Answer { get; init; } = typeof(DossierView);

    private readonly bool? _namesExisting;

    /// <summary>
    /// The command names a stream that may be missing (404) or stale against If-Match (412): every command but one
    /// that creates from nothing. An explanation request is created on a dossier it names.
    /// </summary>
    public bool NamesExisting { get => _namesExisting ?? !Creates; init => _namesExisting = value; }

    public override void Modify(IChain chain, GenerationRules rules, IServiceContainer container)
    {
        base.Modify(chain, rules, container);
        if (chain is not HttpChain http) return;
        http.Metadata.Produces(Creates ? 201 : 200, Answer)
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
        if (NamesExisting) http.Metadata.ProducesProblem(404).ProducesProblem(412);
    }
}

/// <summary>
/// The dossier named by the route's {id}, loaded by Wolverine's aggregate handler workflow under the stream's row
/// lock: concurrent commands on one dossier queue and each decides on the state the previous one left, so none is
/// lost to a race and none needs a retry. A missing dossier is a 404 before the command runs.
/// </summary>
public sealed class DossierStreamAttribute : Wolverine.Marten.WriteAggregateAttribute
{
    public DossierStreamAttribute() : base("id")
    {
        LoadStyle = Wolverine.Marten.ConcurrencyStyle.Exclusive;
        OnMissing = Wolverine.Persistence.OnMissing.ProblemDetailsWith404;
    }
}
