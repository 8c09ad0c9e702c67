namespace Dossiers.Api.Hosting;

/// <summary>
/// Runs what follows a finished socket read or write (a PostgreSQL answer, a request's bytes) on the thread that saw it
/// finish, instead of queueing it to the thread pool. On a small machine shared with PostgreSQL, the hand-over to the
/// pool was a quarter of the API's CPU in context switches; inline, p99 at 32 officers fell from about 100 to 60–80 ms
/// (bench/README.md). Safe because nothing on the request path blocks a thread. <c>Hosting:InlineSocketCompletions</c>
/// (default true) turns it off; an explicit environment variable wins.
/// </summary>
public static class SocketCompletions
{
    private const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Call before the first socket is opened: .NET reads the setting once, from the environment.</summary>
    public static void Configure(IConfiguration configuration)
    {
        if (Environment.GetEnvironmentVariable(Variable) is null && configuration.GetValue("Hosting:InlineSocketCompletions", true))
            Environment.SetEnvironmentVariable(Variable, "1");
    }
}
