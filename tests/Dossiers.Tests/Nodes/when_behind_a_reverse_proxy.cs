using System.Net;
using Dossiers.Tests.Fixtures;

namespace Dossiers.Tests.Nodes;

/// <summary>
/// Behind the centre's reverse proxy every request comes from the proxy's address. Listed in Hosting:TrustedProxies,
/// the proxy's X-Forwarded-For names the client, so each citizen has the lookup's limit of their own; the header of
/// anyone else is ignored (the in-process tests show that side).
/// </summary>
[Collection(IntegrationCollection.Name)]
public class when_behind_a_reverse_proxy
{
    [Fact]
    public async Task the_limit_counts_the_address_a_trusted_proxy_forwards()
    {
        await using var node = await ApiNode.Start("behind-proxy", new ApiNode.Settings("proxy_test", Environment: new Dictionary<string, string>
        {
            ["Hosting__TrustedProxies"] = "127.0.0.1",   // the test's own connections play the proxy
            ["Lookup__PermitsPerMinute"] = "3",
        }));
        var (first, second) = ($"10.9.{Random.Shared.Next(256)}.1", $"10.9.{Random.Shared.Next(256)}.2");

        async Task<HttpStatusCode> Lookup(string client) =>
            (await node.Send(HttpMethod.Get, "/api/lookup/057.01.90.H48-260302-9997", headers: ("X-Forwarded-For", client))).StatusCode;

        await MinuteWindows.ClearOfABoundary(TimeProvider.System);   // the node runs on real time
        var fromFirst = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) fromFirst.Add(await Lookup(first));
        fromFirst.ShouldBe([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests]);
        (await Lookup(second)).ShouldBe(HttpStatusCode.NotFound);   // another citizen behind the same proxy
    }
}
