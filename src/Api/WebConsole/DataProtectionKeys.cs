using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Dossiers.Api.WebConsole;

/// <summary>One data-protection key as stored: the XML ASP.NET Core writes, under its friendly name.</summary>
public sealed class DataProtectionKey
{
    public string Id { get; set; } = "";
    public string Xml { get; set; } = "";
}

/// <summary>
/// The data-protection key ring in the shared database, so a console cookie or an antiforgery token issued by one node
/// opens on every other (the default ring is a folder on each machine). The keys are not encrypted at rest: whoever
/// reads the database can already read every dossier.
/// </summary>
public sealed class DataProtectionKeys(IServiceProvider services) : IXmlRepository
{
    // Resolved lazily: the store is built after the key manager's options are configured.
    private IDocumentStore Store => services.GetRequiredService<IDocumentStore>();

    public static void Register(StoreOptions options) => options.Schema.For<DataProtectionKey>().Identity(k => k.Id);

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = Store.QuerySession();
        // The interface is synchronous and Marten reads only asynchronously: waited on off the caller's thread. Read at
        // the console's first request and when the ring is refreshed (ConsoleSetup keeps it out of the host's start).
        return [.. Task.Run(() => session.Query<DataProtectionKey>().ToListAsync()).GetAwaiter().GetResult().Select(k => XElement.Parse(k.Xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = Store.LightweightSession();
        session.Store(new DataProtectionKey { Id = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        // The interface is synchronous and Marten saves only asynchronously: waited on off the caller's thread. Called
        // once, when the first key is made (at most every 90 days after).
        Task.Run(() => session.SaveChangesAsync()).GetAwaiter().GetResult();
    }
}
