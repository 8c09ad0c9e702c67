using Marten;
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

/// <summary>Marks an endpoint as a dossier command: <see cref="DossierCommandMiddleware"/> runs before it.</summary>
public sealed class DossierCommandAttribute() : MiddlewareAttribute(typeof(DossierCommandMiddleware));

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
